import assert from 'node:assert/strict';
import { test } from 'node:test';
import { memorySource } from '../source.ts';
import { FormatError, type SourceFile } from '../types.ts';
import { attrs, escText, rootName, xmlChildren, xmlTree } from './index.ts';

const file = (text: string | Uint8Array, chunk = 7): SourceFile => {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  return { path: 'a.xml', size: bytes.length, bytes: async () => bytes, async *chunks() { for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk); } };
};

test('children of the root stream whole, with their lines, across chunk and UTF-8 boundaries', async () => {
  const xml = '\uFEFF<?xml version="1.0"?>\n<root a="1">\n  <item n="é&amp;&#10;x">\n    <name>Zoë &lt;3</name>\n    <v><![CDATA[a<b]]></v>\n  </item>\n  <item n="2"/>\n</root>\n';
  const seen: string[] = [];
  for await (const ev of xmlChildren(file(xml, 3))) {
    if (ev.kind === 'root') seen.push(`root ${ev.root.name} ${ev.root.attrs.a} line ${ev.root.line}`);
    else seen.push(`${ev.element.name} ${JSON.stringify(ev.element.attrs.n)} line ${ev.element.line} [${ev.element.children.map((c) => `${c.name}=${c.text}@${c.line}`).join(' ')}]`);
  }
  assert.deepEqual(seen, [
    'root root 1 line 2',
    'item "é&\\nx" line 3 [name=Zoë <3@4 v=a<b@5]',
    'item "2" line 7 []',
  ]);
});

test('broken XML is a FormatError with the file, line and what is wrong', async () => {
  for (const [text, line] of [['<a>\n<b>\n</a>', 3], ['<a>\n<b x="1" x="2"/>\n</a>', 2], ['<a>\n<b>&nope;</b>\n</a>', 2], ['<a>\n<b>', 2]] as const) {
    await assert.rejects(xmlTree(file(text)), (e: unknown) => e instanceof FormatError && e.file === 'a.xml' && e.line === line && e.field === 'xml', text);
  }
  await assert.rejects(xmlTree(file(new Uint8Array([0x3c, 0x61, 0x3e, 0xff, 0x3c, 0x2f, 0x61, 0x3e]))), FormatError);
});

test('what is written reads back: text, attributes with quotes, newlines and characters XML cannot hold', async () => {
  const value = 'a & b < c > d "e" \'f\'\n\tg\u0007';
  const xml = `<r><e${attrs({ v: value, n: 0.1 + 0.2, skip: undefined })}>${escText(value)}</e></r>`;
  const root = await xmlTree(memorySource('x', { 'a.xml': xml }).files[0]!);
  const e = root.children[0]!;
  assert.equal(e.attrs.v, value.replace('\u0007', '\uFFFD'));
  assert.equal(e.text, value.replace('\u0007', '\uFFFD'));
  assert.equal(Number(e.attrs.n), 0.1 + 0.2);
  assert.equal(e.attrs.skip, undefined);
});

test('rootName skips the declaration, comments and a doctype', () => {
  assert.equal(rootName('\uFEFF<?xml version="1.0"?>\n<!-- c -->\n<!DOCTYPE x>\n<annotation>'), 'annotation');
  assert.equal(rootName('{"a": 1}'), null);
});
