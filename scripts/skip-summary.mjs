// A node:test reporter that prints, at the end of the run, how many tests were skipped and why,
// grouped by reason, so a run that skipped tests never reads as a full pass.
export default async function* skipSummary(source) {
  const byReason = new Map();
  let total = 0;
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { skip, todo, name, file } = event.data;
    if (skip === undefined || skip === false) continue;
    if (todo !== undefined && todo !== false) continue;
    total++;
    const reason = typeof skip === 'string' && skip !== '' ? skip : '(no reason given)';
    const entry = byReason.get(reason) ?? { count: 0, files: new Set(), examples: [] };
    entry.count++;
    if (file) entry.files.add(file.replace(`${process.cwd()}/`, ''));
    if (entry.examples.length < 2) entry.examples.push(name);
    byReason.set(reason, entry);
  }
  if (total === 0) {
    yield '\n# skipped: 0 tests\n';
    return;
  }
  let out = `\n# skipped: ${total} test${total === 1 ? '' : 's'}\n`;
  for (const [reason, e] of byReason) {
    out += `#   ${e.count} because ${reason}\n`;
    out += `#     in ${[...e.files].slice(0, 6).join(', ')}${e.files.size > 6 ? `, and ${e.files.size - 6} more files` : ''}\n`;
  }
  yield out;
}
