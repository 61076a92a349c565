import type { TasksViewRow } from '@cadre/contract';
import { urlOf } from '../api.ts';

/** What the item is, shown while the pointer rests on its name: the image, or a text's first lines. */
export function TaskPreview({ row }: { row: TasksViewRow }) {
  return (
    <div className="task-preview" data-testid="task-preview" role="tooltip"
      style={{ position: 'absolute', zIndex: 10, background: 'var(--bg, #fff)', border: '1px solid #ccc', padding: 4, maxWidth: 320, whiteSpace: 'pre-wrap' }}>
      {row.item.kind === 'image'
        ? <img alt={row.item.name} src={urlOf('GET /api/items/:itemId/asset', { params: { itemId: row.itemId } })} style={{ maxWidth: 300, maxHeight: 200 }} />
        : row.item.text !== null ? <span>{row.item.text.split('\n').slice(0, 6).join('\n')}</span> : <span>{row.item.kind}: {row.item.name}</span>}
    </div>
  );
}
