import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { projectService, userService } from '@cadre/server';
import { withCadre } from '../session.ts';

function readJson(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`cannot read the ${what} file ${path}: ${(e as NodeJS.ErrnoException).code ?? e}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`the ${what} file ${path} is not valid JSON: ${(e as Error).message}`);
  }
}

export function adminCommands(program: Command): void {
  const user = program.command('user').description('manage users');
  user.command('add').description('add a user')
    .requiredOption('--email <email>').requiredOption('--password <password>')
    .option('--name <name>').option('--admin', 'make an administrator', false)
    .action(async (o: { email: string; password: string; name?: string; admin: boolean }) => {
      await withCadre(async (rt, actor) => {
        const u = await userService.addUser(rt.deps, actor, { email: o.email, password: o.password, name: o.name, isAdmin: o.admin });
        console.log(JSON.stringify(u));
      });
    });

  user.command('password').description('set a new password for a user who forgot theirs; all their sessions end')
    .requiredOption('--email <email>').requiredOption('--password <password>')
    .action(async (o: { email: string; password: string }) => {
      await withCadre(async (rt, actor) => {
        const target = await userService.findUserByEmail(rt.deps, actor, o.email);
        await userService.setPasswordFor(rt.deps, actor, target.id, o.password);
        console.log(`password set for ${target.email}; their sessions ended`);
      });
    });

  const project = program.command('project').description('manage projects');
  project.command('create').description('create a project from an ontology file')
    .requiredOption('--name <name>').requiredOption('--ontology <file>', 'JSON: {"classes": [{"name", "kind", ...}]}')
    .option('--description <text>', '', '').option('--settings <file>', 'JSON of project settings')
    .action(async (o: { name: string; ontology: string; description: string; settings?: string }) => {
      const ontology = readJson(o.ontology, 'ontology');
      const settings = o.settings ? readJson(o.settings, 'settings') : undefined;
      await withCadre(async (rt, actor) => {
        const p = await projectService.createProject(rt.deps, actor, { name: o.name, description: o.description, ontology, settings });
        console.log(JSON.stringify({ id: p.id, name: p.name }));
      });
    });
  project.command('list').description('list projects').action(async () => {
    await withCadre(async (rt, actor) => {
      for (const p of await projectService.listProjects(rt.deps, actor)) console.log(`${p.id}  ${p.name}  items=${p.items}`);
    });
  });
}
