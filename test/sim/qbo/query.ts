import { faults } from './faults';

/** The QBO query subset: SELECT * | count(*) | fields FROM X [WHERE a AND b] [ORDERBY] [STARTPOSITION] [MAXRESULTS]. */

export type QueryValue = string | number | boolean;
export type QueryOp = '=' | '!=' | '<' | '>' | '<=' | '>=' | 'IN' | 'LIKE';

export interface QueryCondition {
  field: string;
  op: QueryOp;
  values: QueryValue[];
}

export interface ParsedQuery {
  entity: string;
  select: { kind: 'all' } | { kind: 'count' } | { kind: 'fields'; fields: string[] };
  where: QueryCondition[];
  orderBy: { field: string; desc: boolean }[];
  startPosition: number;
  maxResults: number;
}

export const DEFAULT_MAX_RESULTS = 100;
export const MAX_RESULTS_CAP = 1000;

type Token =
  | { t: 'word'; v: string }
  | { t: 'string'; v: string }
  | { t: 'number'; v: number }
  | { t: 'punct'; v: string };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i += 1;
    } else if (c === "'") {
      let v = '';
      i += 1;
      while (i < src.length && src[i] !== "'") {
        if (src[i] === '\\' && i + 1 < src.length) i += 1;
        v += src[i];
        i += 1;
      }
      if (i >= src.length) throw faults.queryParse('Lexical error: unterminated string literal');
      i += 1;
      out.push({ t: 'string', v });
    } else if ((c === '-' && /[0-9]/.test(src[i + 1] ?? '')) || /[0-9]/.test(c)) {
      const m = /^-?\d+(\.\d+)?/.exec(src.slice(i));
      if (!m) throw faults.queryParse(`Encountered "${c}" at column ${i + 1}`);
      out.push({ t: 'number', v: Number(m[0]) });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(src.slice(i));
      out.push({ t: 'word', v: m![0] });
      i += m![0].length;
    } else {
      const two = src.slice(i, i + 2);
      if (two === '<=' || two === '>=' || two === '!=') {
        out.push({ t: 'punct', v: two });
        i += 2;
      } else if ('*(),=<>'.includes(c)) {
        out.push({ t: 'punct', v: c });
        i += 1;
      } else {
        throw faults.queryParse(`Encountered " "${c}" " at column ${i + 1}`);
      }
    }
  }
  return out;
}

class Parser {
  #tokens: Token[];
  #pos = 0;

  constructor(tokens: Token[]) {
    this.#tokens = tokens;
  }

  peek(): Token | undefined {
    return this.#tokens[this.#pos];
  }

  next(): Token {
    const tok = this.#tokens[this.#pos];
    if (!tok) throw faults.queryParse('Encountered "<EOF>"');
    this.#pos += 1;
    return tok;
  }

  isKeyword(word: string): boolean {
    const tok = this.peek();
    return tok?.t === 'word' && tok.v.toUpperCase() === word;
  }

  keyword(word: string): void {
    const tok = this.next();
    if (tok.t !== 'word' || tok.v.toUpperCase() !== word) throw faults.queryParse(`Encountered "${String(tok.v)}", expected ${word}`);
  }

  punct(p: string): void {
    const tok = this.next();
    if (tok.t !== 'punct' || tok.v !== p) throw faults.queryParse(`Encountered "${String(tok.v)}", expected "${p}"`);
  }

  word(): string {
    const tok = this.next();
    if (tok.t !== 'word') throw faults.queryParse(`Encountered "${String(tok.v)}", expected an identifier`);
    return tok.v;
  }

  integer(): number {
    const tok = this.next();
    if (tok.t !== 'number' || !Number.isInteger(tok.v)) throw faults.queryParse(`Encountered "${String(tok.v)}", expected an integer`);
    return tok.v;
  }

  value(): QueryValue {
    const tok = this.next();
    if (tok.t === 'string' || tok.t === 'number') return tok.v;
    if (tok.t === 'word' && /^(true|false)$/i.test(tok.v)) return tok.v.toLowerCase() === 'true';
    throw faults.queryParse(`Encountered "${String(tok.v)}", expected a value`);
  }

  done(): boolean {
    return this.#pos >= this.#tokens.length;
  }
}

function parseCondition(p: Parser): QueryCondition {
  const field = p.word();
  const tok = p.next();
  if (tok.t === 'word' && tok.v.toUpperCase() === 'IN') {
    p.punct('(');
    const values = [p.value()];
    while (p.peek()?.t === 'punct' && p.peek()?.v === ',') {
      p.next();
      values.push(p.value());
    }
    p.punct(')');
    return { field, op: 'IN', values };
  }
  if (tok.t === 'word' && tok.v.toUpperCase() === 'LIKE') {
    const v = p.value();
    if (typeof v !== 'string') throw faults.queryParse('LIKE needs a quoted string');
    return { field, op: 'LIKE', values: [v] };
  }
  if (tok.t === 'punct' && ['=', '!=', '<', '>', '<=', '>='].includes(tok.v)) {
    return { field, op: tok.v as QueryOp, values: [p.value()] };
  }
  throw faults.queryParse(`Encountered "${String(tok.v)}", expected an operator`);
}

/** Parses a QBO query; throws QboFault 4000 with a QueryParserError detail like QBO. */
export function parseQuery(src: string): ParsedQuery {
  const p = new Parser(tokenize(src.trim().replace(/;$/, '')));
  p.keyword('SELECT');
  let select: ParsedQuery['select'];
  if (p.peek()?.t === 'punct' && p.peek()?.v === '*') {
    p.next();
    select = { kind: 'all' };
  } else if (p.isKeyword('COUNT')) {
    p.next();
    p.punct('(');
    p.punct('*');
    p.punct(')');
    select = { kind: 'count' };
  } else {
    const fields = [p.word()];
    while (p.peek()?.t === 'punct' && p.peek()?.v === ',') {
      p.next();
      fields.push(p.word());
    }
    select = { kind: 'fields', fields };
  }
  p.keyword('FROM');
  const entity = p.word();
  const where: QueryCondition[] = [];
  if (p.isKeyword('WHERE')) {
    p.next();
    where.push(parseCondition(p));
    while (!p.done()) {
      if (p.isKeyword('OR')) throw faults.queryParse('Encountered " "OR" "; OR is not supported');
      if (!p.isKeyword('AND')) break;
      p.next();
      where.push(parseCondition(p));
    }
  }
  const orderBy: ParsedQuery['orderBy'] = [];
  if (p.isKeyword('ORDERBY') || p.isKeyword('ORDER')) {
    if (p.isKeyword('ORDER')) {
      p.next();
      p.keyword('BY');
    } else {
      p.next();
    }
    do {
      if (orderBy.length > 0) p.next();
      const field = p.word();
      let desc = false;
      if (p.isKeyword('DESC') || p.isKeyword('ASC')) desc = p.word().toUpperCase() === 'DESC';
      orderBy.push({ field, desc });
    } while (p.peek()?.t === 'punct' && p.peek()?.v === ',');
  }
  let startPosition = 1;
  let maxResults = DEFAULT_MAX_RESULTS;
  while (!p.done()) {
    const kw = p.word().toUpperCase();
    if (kw === 'STARTPOSITION') startPosition = p.integer();
    else if (kw === 'MAXRESULTS') maxResults = p.integer();
    else throw faults.queryParse(`Encountered " <IDENTIFIER> "${kw}"`);
  }
  if (startPosition < 1) throw faults.queryValidation('STARTPOSITION must be 1 or more');
  return { entity, select, where, orderBy, startPosition, maxResults: Math.min(Math.max(maxResults, 0), MAX_RESULTS_CAP) };
}
