// The reviewer's side panels: what the work changed against the pre-labels, and the reasons.
import type { TaskView } from '../api.ts';
import { ChangesPanel } from './changes-panel.tsx';
import { ReasonPicker } from './reason-picker.tsx';
import type { useReview } from './use-review.ts';

interface Props {
  view: TaskView;
  review: ReturnType<typeof useReview>;
  selected: string | null;
  labelOf: (objectId: string) => string | undefined;
}

export function ReviewSide({ view, review, selected, labelOf }: Props) {
  return (
    <>
      {view.base && <ChangesPanel view={view} base={view.base} />}
      <ReasonPicker rejectReasons={view.rejectReasons ?? []} reasons={review.reasons} onReasons={review.setReasons} selected={selected} labelOf={labelOf} />
    </>
  );
}
