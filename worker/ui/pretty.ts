/** Field names whose values never reach the page, whatever a target path logged. */
const SECRET_FIELD = /(password|strPassword|access_?token|refresh_?token|authorization|client_?secret|ticket)/i;

/**
 * Pretty-prints a logged qbXML or QBO JSON excerpt for reading, with secrets blanked. Excerpts
 * may be cut off, so anything that does not parse is shown as it is (after redaction).
 */
export function prettyPayload(text: string): string {
  const trimmed = text.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.stringify(JSON.parse(trimmed), (k, v) => (SECRET_FIELD.test(k) ? '••••' : v), 2);
    } catch {
      // An excerpt cut mid-document: fall through to the textual form.
    }
  }
  if (trimmed.startsWith('<')) return redactXml(indentXml(trimmed));
  return trimmed.replace(/("(?:password|access_token|refresh_token|client_secret)"\s*:\s*)"[^"]*"/gi, '$1"••••"');
}

function redactXml(xml: string): string {
  return xml.replace(/<((?:\w+:)?(\w*(?:password|Password|ticket|Ticket)\w*))>[^<]*<\/\1>/g, '<$1>••••</$1>');
}

function indentXml(xml: string): string {
  const tokens = xml.replace(/>\s*</g, '><').split(/(?=<)|(?<=>)/);
  let depth = 0;
  const lines: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.startsWith('</')) {
      depth = Math.max(0, depth - 1);
      lines.push(`${'  '.repeat(depth)}${t}`);
    } else if (t.startsWith('<') && !t.startsWith('<?') && !t.startsWith('<!') && !t.endsWith('/>')) {
      // Keep <Tag>text</Tag> on one line.
      if (tokens[i + 1] && !tokens[i + 1].startsWith('<') && tokens[i + 2]?.startsWith('</')) {
        lines.push(`${'  '.repeat(depth)}${t}${tokens[i + 1]}${tokens[i + 2]}`);
        i += 2;
      } else {
        lines.push(`${'  '.repeat(depth)}${t}`);
        depth++;
      }
    } else {
      lines.push(`${'  '.repeat(depth)}${t}`);
    }
  }
  return lines.join('\n');
}
