// Which reader a file goes to when the person names no format. Label Studio task files with no
// annotations (rows to label, maybe with predictions) stay on the task-row import, which reads
// `priority` and streams the fastest; files that carry annotations, and every other label format,
// go to their format module, so annotations are never silently ignored.
import { detectFormat, type Source } from '@cadre/formats';

const HEAD = 1 << 16;
const ANNOTATED = /"(annotations|completions)"\s*:\s*\[\s*\{/;

export async function labelFormatOf(source: Source): Promise<string | null> {
  const format = await detectFormat(source);
  if (format !== 'labelstudio') return format;
  return (await carriesAnnotations(source)) ? format : null;
}

async function carriesAnnotations(source: Source): Promise<boolean> {
  for (const file of source.files) {
    let head = '';
    const decoder = new TextDecoder();
    for await (const chunk of file.chunks()) {
      head += decoder.decode(chunk, { stream: true });
      if (head.length >= HEAD) break;
    }
    if (ANNOTATED.test(head)) return true;
  }
  return false;
}
