// Placeholder: the helper building `cadre model report` replaces this file.
export async function modelReport(_args: string[]): Promise<void> {
  console.error('model report: not built yet');
  process.exit(2);
}
