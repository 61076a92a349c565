import { api } from '../api.ts';

/**
 * Remove a task or its item from the tasks table. The server says first what the removal does
 * (accepted work, someone holding it, ledger entries that stay) and the person confirms that.
 */
export function RemoveButtons({ taskId, itemId, onRemoved, onError }: { taskId: string; itemId: string; onRemoved: () => void; onError: (m: string) => void }) {
  async function remove(entity: 'task' | 'item', id: string) {
    try {
      const preview = await api(entity === 'task' ? 'GET /api/tasks/:id/removal' : 'GET /api/items/:id/removal', { params: { id } });
      if (!window.confirm(`Remove this ${entity}?\n\n${preview.message}`)) return;
      await api(entity === 'task' ? 'DELETE /api/tasks/:id' : 'DELETE /api/items/:id', { params: { id } });
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
