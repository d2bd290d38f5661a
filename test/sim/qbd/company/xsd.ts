import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface XsdResult {
  ok: boolean;
  /** xmllint's complaints, minus maxLength ones (QB answers those with status 3070 instead). */
  errors: string[];
}

/** Resolves the schema entry point; throws when the directory is set but incomplete. */
export function schemaPath(dir: string): string {
  const file = path.join(dir, 'qbxmlops130.xsd');
  for (const f of ['qbxmlops130.xsd', 'qbxml130.xsd', 'qbxmltypes130.xsd', 'qbxmlso130.xsd']) {
    if (!existsSync(path.join(dir, f))) throw new Error(`QBXML_SCHEMA_DIR=${dir} is missing ${f}`);
  }
  return file;
}

/**
 * Validates a whole qbXML message with `xmllint --schema`. Too-long strings are schema errors for
 * xmllint but QuickBooks parses them and answers 3070 per request, so those are filtered out.
 */
export function validateWithXsd(xml: string, schemaDir: string): XsdResult {
  const xsd = schemaPath(schemaDir);
  const dir = mkdtempSync(path.join(tmpdir(), 'qbd-xsd-'));
  const file = path.join(dir, 'message.xml');
  try {
    writeFileSync(file, xml);
    execFileSync('xmllint', ['--noout', '--schema', xsd, file], { stdio: ['ignore', 'pipe', 'pipe'] });
    return { ok: true, errors: [] };
  } catch (e) {
    const err = e as { stderr?: Buffer; code?: string };
    if (err.code === 'ENOENT') throw new Error('xmllint not found: install libxml2-utils');
    const stderr = String(err.stderr ?? '');
    const lines = stderr.split('\n').filter((l) => l.includes('Schemas validity error') || l.includes('parser error'));
    // No validity lines means xmllint itself failed (unreadable schema): never read that as a pass.
    if (lines.length === 0) throw new Error(`xmllint failed: ${stderr}`);
    const lengthFields = new Set(lines.filter((l) => l.includes("[facet 'maxLength']")).map(elementOf));
    const errors = lines.filter((l) => !l.includes("[facet 'maxLength']") &&
      !(l.includes('is not a valid value of the local atomic type') && lengthFields.has(elementOf(l))));
    return { ok: errors.length === 0, errors };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function elementOf(line: string): string {
  return /Element '([^']+)'/.exec(line)?.[1] ?? '';
}
