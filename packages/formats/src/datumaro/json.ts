// A whole JSON file parsed, with a broken one reported as a FormatError at its line.
import { utf8 } from '../source.ts';
import { FormatError, type SourceFile } from '../types.ts';

export async function readJson(file: SourceFile): Promise<unknown> {
  let text: string;
  try { text = utf8(await file.bytes()); } catch { throw new FormatError(file.path, 0, 'json', 'not UTF-8 text'); }
  try {
    return JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const line = /line (\d+)/.exec(message)?.[1];
    const position = /position (\d+)/.exec(message)?.[1];
    const at = line ? Number(line) : position ? text.slice(0, Number(position)).split('\n').length : text.split('\n').length;
    throw new FormatError(file.path, at, 'json', message.replace(/^JSON\.parse: /, ''));
  }
}
