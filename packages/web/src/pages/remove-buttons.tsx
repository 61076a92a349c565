import { api } from '../api.ts';

interface Preview { message: string }

/**
 * Remove a task or its item from the tasks table. The server says first what the removal does
 * (accepted work, someone holding it, ledger entries that stay) and the person confirms that.
 */
export function RemoveButtons({ taskId, itemId, onRemoved, onError }: { taskId: string; itemId: string; onRemoved: () => void; onError: (m: string) => void }) {
  async function remove(entity: 'task' | 'item', id: string) {
    try {
      const preview = await api<Preview>('GET', `/api/${entity}s/${id}/removal`);
      if (!window.confirm(`Remove this ${entity}?\n\n${preview.message}`)) return;
      await api('DELETE', `/api/${entity}s/${id}`);
      onRemoved();
    } catch (e) {
      onError(e instanceof Error ? e.message : String(e));
    }
  }
  return (
    <>
      <button onClick={() => void remove('task', taskId)}>Remove task</button>{' '}
      <button onClick={() => void remove('item', itemId)}>Remove item</button>
    </>
  );
}
