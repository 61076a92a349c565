// `cadre status --server <url>`: a running Cadre (this machine or another) asked over HTTP, through
// the API's typed client (@cadre/contract), as an API token's owner: the projects they belong to,
// with items and tasks by status. Needs no database access, so it works against any deployment.
import type { Command } from 'commander';
import { ApiError, createClient } from '@cadre/contract/client';

export function statusCommand(program: Command): void {
  program.command('status').description('progress of the projects on a running Cadre server, asked over its HTTP API (CADRE_TOKEN: an API token)')
    .requiredOption('--server <url>', 'the server, e.g. http://localhost:8080')
    .option('--token <token>', 'an API token (make one on your account page); default: $CADRE_TOKEN')
    .option('--json', 'print the projects as JSON', false)
    .action(async (o: { server: string; token?: string; json: boolean }) => {
      const token = o.token ?? process.env.CADRE_TOKEN;
      if (!token) throw new Error('status needs an API token: --token <token> or CADRE_TOKEN (make one on your account page)');
      let base: URL;
      try { base = new URL(o.server); } catch { throw new Error(`--server must be a URL such as http://localhost:8080, not ${o.server}`); }
      const client = createClient({ baseUrl: base.origin, headers: { authorization: `Bearer ${token}` } });
      const projects = await client.call('GET /api/projects').catch((e: Error) => {
        if (e instanceof ApiError) throw new Error(`${base.origin} answered ${e.status}: ${e.message}`);
        throw new Error(`cannot reach ${base.origin}: ${e.message}`);
      });
      if (o.json) return console.log(JSON.stringify(projects, null, 2));
      if (projects.length === 0) return console.log('no projects');
      for (const p of projects) {
        const counts = Object.entries(p.counts).map(([status, n]) => `${n} ${status}`).join(', ');
        console.log(`${p.name}${p.archivedAt ? ' (archived)' : ''}: ${p.items} items; ${counts ? `tasks ${counts}` : 'no tasks'}`);
      }
    });
}
