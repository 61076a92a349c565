import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Document } from '../document.ts';
import { History } from '../history.ts';
import { handleHistoryKey } from '../keys.ts';
import { contractChecks, documentContract, type ContractEngine, type DocumentContractAdapter } from './contract.ts';

// The smallest engine there is, as an example of an adapter: labels on a list, saved as they are.
interface Tag { id: string; label: string }

function tagEngine(opts: { staleSave?: boolean; editInTwoSteps?: boolean } = {}): ContractEngine<Tag> {
  const document = new Document<Tag>();
  document.load({ objects: [{ id: 'opening', label: 'bus' }] });
  const history = new History(document);
  let n = 0;
  let cached: Tag[] | undefined;
  return {
    document,
    history,
    create: () => document.add({ id: `t${++n}`, label: 'car' }, 'create').id,
    edit: (id) => {
      if (opts.editInTwoSteps) {
        document.remove(id);
        document.add({ id, label: 'truck' });
      } else document.update(id, { label: 'truck' }, 'relabel');
    },
    remove: (id) => document.remove(id),
    save: () => {
      const objects = opts.staleSave && cached ? cached : document.all();
      cached = objects;
      return { objects };
    },
    key: (e) => handleHistoryKey(e, history),
  };
}

documentContract({ name: 'tag list', open: () => tagEngine() }, test);

async function failures(adapter: DocumentContractAdapter<Tag>): Promise<string[]> {
  const failed: string[] = [];
  for (const check of contractChecks(adapter)) await check.run().catch(() => failed.push(check.name));
  return failed;
}

test('the contract catches a save that does not follow the document', async () => {
  const failed = await failures({ name: 'stale', open: () => tagEngine({ staleSave: true }) });
  assert.ok(failed.includes('the saved payload equals the document at every step'), failed.join('; '));
});

test('the contract catches an edit that takes two undo steps', async () => {
  const failed = await failures({ name: 'two-step', open: () => tagEngine({ editInTwoSteps: true }) });
  assert.ok(failed.some((f) => f.startsWith('undo all')), failed.join('; '));
});
