import { QBWC_NS } from './envelope';

const op = (name: string, inputs: [string, string][], result: string) => ({ name, inputs, result });
const OPS = [
  op('serverVersion', [], 's:string'),
  op('clientVersion', [['strVersion', 's:string']], 's:string'),
  op('authenticate', [['strUserName', 's:string'], ['strPassword', 's:string']], 'tns:ArrayOfString'),
  op('sendRequestXML', [['ticket', 's:string'], ['strHCPResponse', 's:string'], ['strCompanyFileName', 's:string'], ['qbXMLCountry', 's:string'], ['qbXMLMajorVers', 's:int'], ['qbXMLMinorVers', 's:int']], 's:string'),
  op('receiveResponseXML', [['ticket', 's:string'], ['response', 's:string'], ['hresult', 's:string'], ['message', 's:string']], 's:int'),
  op('connectionError', [['ticket', 's:string'], ['hresult', 's:string'], ['message', 's:string']], 's:string'),
  op('getLastError', [['ticket', 's:string']], 's:string'),
  op('closeConnection', [['ticket', 's:string']], 's:string'),
];

const element = (n: string, t: string) => `<s:element minOccurs="${t === 's:int' ? 1 : 0}" maxOccurs="1" name="${n}" type="${t}"/>`;

/** The QBWebConnectorSvc WSDL (document/literal wrapped, SOAP 1.1), for `GET /qbwc?wsdl`. */
export function qbwcWsdl(endpoint: string): string {
  const types = OPS.map(
    (o) =>
      `<s:element name="${o.name}"><s:complexType><s:sequence>${o.inputs.map(([n, t]) => element(n, t)).join('')}</s:sequence></s:complexType></s:element>` +
      `<s:element name="${o.name}Response"><s:complexType><s:sequence>${element(`${o.name}Result`, o.result)}</s:sequence></s:complexType></s:element>`,
  ).join('');
  const messages = OPS.map((o) => `<wsdl:message name="${o.name}SoapIn"><wsdl:part name="parameters" element="tns:${o.name}"/></wsdl:message><wsdl:message name="${o.name}SoapOut"><wsdl:part name="parameters" element="tns:${o.name}Response"/></wsdl:message>`).join('');
  const portOps = OPS.map((o) => `<wsdl:operation name="${o.name}"><wsdl:input message="tns:${o.name}SoapIn"/><wsdl:output message="tns:${o.name}SoapOut"/></wsdl:operation>`).join('');
  const bindingOps = OPS.map((o) => `<wsdl:operation name="${o.name}"><soap:operation soapAction="${QBWC_NS}${o.name}" style="document"/><wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output></wsdl:operation>`).join('');
  return `<?xml version="1.0" encoding="utf-8"?>
<wsdl:definitions xmlns:s="http://www.w3.org/2001/XMLSchema" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:tns="${QBWC_NS}" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" targetNamespace="${QBWC_NS}">
<wsdl:types><s:schema elementFormDefault="qualified" targetNamespace="${QBWC_NS}">${types}<s:complexType name="ArrayOfString"><s:sequence><s:element minOccurs="0" maxOccurs="unbounded" name="string" nillable="true" type="s:string"/></s:sequence></s:complexType></s:schema></wsdl:types>
${messages}<wsdl:portType name="QBWebConnectorSvcSoap">${portOps}</wsdl:portType>
<wsdl:binding name="QBWebConnectorSvcSoap" type="tns:QBWebConnectorSvcSoap"><soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>${bindingOps}</wsdl:binding>
<wsdl:service name="QBWebConnectorSvc"><wsdl:port name="QBWebConnectorSvcSoap" binding="tns:QBWebConnectorSvcSoap"><soap:address location="${endpoint}"/></wsdl:port></wsdl:service>
</wsdl:definitions>`;
}
