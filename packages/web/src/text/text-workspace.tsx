// The text workspace: classify a text with one key per class, review machine classes one key per
// decision, and mark entity spans in the span engine. The task flow claims and prefetches; each
// submission goes on in the background while the next item opens at once.
import { useCallback, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { settingsOf, type LabelClass, type Ontology } from '@cadre/core';
import type { TextEngineApi } from '@cadre/text-canvas';
import type { Project } from '../api.ts';
import type { LoadedTask, TaskFlow } from '../workspace/task-flow.ts';
import { ClassAttributes } from './class-attributes.tsx';
import { ClassBar } from './class-bar.tsx';
import { classKeys } from './class-keys.ts';
import { HistoryButtons } from '../workspace/history-buttons.tsx';
import { ReviewCard } from './review-card.tsx';
import { attributesFor, SpanDetails } from './span-details.tsx';
import { SpanList } from './span-list.tsx';
import { SpanPane } from './span-pane.tsx';
import { labelsOf } from './task-labels.ts';
import { TextHelp } from './text-help.tsx';
import { useTextKeys } from './use-text-keys.ts';
import { useTextSaving } from './use-text-saving.ts';
import { runChecks } from '../workflow/checks.ts';
import { ChecksPanel } from '../workflow/checks-panel.tsx';
import { ReviewBar } from '../workflow/review-bar.tsx';
import { ReviewSide } from '../workflow/review-side.tsx';
import { ReworkBanner } from '../workflow/rework-banner.tsx';
import { useWorkflow } from '../workflow/use-workflow.ts';
import { isDeciding, openingView, reasonsOf, workModeOf } from '../workflow/work-mode.ts';
import './text.css';

interface Props { project: Project; flow: TaskFlow; task: LoadedTask; onNext: (next: LoadedTask | null) => void }

/** Project settings the page reads: spans snap to tokens and may not overlap unless the project says so. */
function textSettings(project: Project) {
  const s = settingsOf(project.settings);
  return { granularity: s.granularity, allowOverlap: s.allowOverlap, multi: s.multiLabel };
}

/** Review mode and a lost background submission outlive one task; the rest is per task. */
export function TextWorkspace(props: Props) {
  const [review, setReview] = useState(false);
  const [lost, setLost] = useState<string | null>(null);
  return <TextTask key={props.task.view.task.id} {...props} review={review} setReview={setReview} lost={lost} onLost={setLost} />;
}

interface TaskProps extends Props { review: boolean; setReview: (f: (v: boolean) => boolean) => void; lost: string | null; onLost: (m: string) => void }

function TextTask({ project, flow, task, onNext, review, setReview, lost, onLost }: TaskProps) {
  const ontology = project.ontology as unknown as Ontology;
  const settings = useMemo(() => textSettings(project), [project]);
  const text = task.view.item.text ?? '';
  const chars = useMemo(() => Array.from(text), [text]);
  const mode = workModeOf(task.view);
  const deciding = isDeciding(mode);
  const labels = useMemo(() => labelsOf(openingView(task.view, mode)), [task, mode]);
  useSyncExternalStore((fn) => labels.onChange(fn), () => labels.version);
  const keys = useMemo(() => classKeys(ontology.classes.filter((c) => c.kind === 'text_class' || c.kind === 'text_span')), [ontology]);
  const hasSpans = keys.some((k) => k.cls.kind === 'text_span');
  const hasClasses = keys.some((k) => k.cls.kind === 'text_class');
  const [selected, setSelected] = useState<string | null>(null);
  const [help, setHelp] = useState(false);
  const engine = useRef<TextEngineApi | null>(null);
  const filter = useRef<HTMLInputElement>(null);
  const pane = useRef<HTMLElement | null>(null);
  const [shown, setShown] = useState<TextEngineApi | null>(null);
  const run = useMemo(() => () => runChecks(labels.toPayload(), { ontology }, task.view.checks), [labels, ontology, task]);
  const subscribe = useMemo(() => (fn: () => void) => labels.onChange(fn), [labels]);
  const payload = useCallback(() => labels.toPayload(), [labels]);
  const { checks, review: decision, edited, ready } = useWorkflow({ flow, view: task.view, onNext, engine: shown, payload, subscribe, run, onHeld: (m) => setMessage(m) });
  const { status, message, setMessage, submit } = useTextSaving({ flow, task, labels, ontology, settings, textLength: chars.length, onNext, onLost, deciding, ready });
  const labelOf = (id: string) => labels.get(id)?.label;
  const proposal = review ? labels.pendingClasses().sort((a, b) => (b.score ?? 0) - (a.score ?? 0))[0] : undefined;

  const select = useCallback((id: string | null) => {
    setSelected(id);
    if (id && engine.current) { engine.current.select(id); engine.current.scrollToSpan(id); }
  }, []);

  const pick = (cls: LabelClass) => {
    setMessage(null);
    if (cls.kind === 'text_class') return labels.chooseClass(cls.name, settings.multi, attributesFor(cls));
    const e = engine.current;
    const range = e?.selection();
    const target = e?.selected() ? labels.get(e.selected()!) : undefined;
    if (e && range && target) {
      // Shift+arrows from a selected span adjust it (the engine already applied the overlap rule).
      const o = labels.adjust(target.id, range, cls.name, attributesFor(cls, target.attributes));
      e.setSelection(null);
      return select(o?.id ?? null);
    }
    if (e && range) {
      if (!e.canPlace(range)) return setMessage('that selection overlaps a span, and this project does not allow overlapping spans');
      labels.addSpan(cls.name, range, attributesFor(cls));
      // Nothing stays selected, so Shift+→ goes on from here to the next words.
      return e.setSelection(null);
    }
    const current = selected ? labels.get(selected) : undefined;
    if (current?.kind === 'text_span') return select(labels.relabel(current.id, cls.name, attributesFor(cls, current.attributes))?.id ?? null);
    setMessage(hasSpans ? 'select some words first (drag over them, or Shift+arrows in the text)' : null);
  };

  // Without allowOverlap a machine span over a kept one waits; the server would refuse the pair.
  const overlapNote = 'overlaps a span already kept, and this project does not allow overlapping spans';
  const acceptOne = (id: string) => {
    const p = labels.get(id);
    if (p?.geometry && !settings.allowOverlap && labels.overlaps(p.geometry)) return setMessage(`This machine span ${overlapNote}: delete one of them first.`);
    select(labels.accept(id)?.id ?? null);
  };
  const acceptAll = () => {
    const left = labels.acceptAllSpans(settings.allowOverlap);
    setMessage(left > 0 ? `${left} machine span${left > 1 ? 's' : ''} still wait${left > 1 ? '' : 's'}: each ${overlapNote}.` : null);
  };

  const decide = (accept: boolean) => {
    if (!proposal) return;
    // The item's other machine classes (a multi-label model's lower scores) go with this decision.
    if (accept && settings.multi) labels.accept(proposal.id);
    else if (accept) labels.chooseClass(proposal.label, false, attributesFor(ontology.classes.find((c) => c.name === proposal.label)));
    for (const p of labels.pendingClasses()) labels.remove(p.id);
    submit();
  };

  useTextKeys({
    keys, labels, selected, setSelected: select, reviewing: !!proposal, decide, pick, acceptOne, acceptAll, submit,
    toggleReview: () => setReview((v) => !v), toggleHelp: () => setHelp((v) => !v),
    focusFilter: () => filter.current?.focus(), pane: () => pane.current,
  });

  const onEngine = useCallback((e: TextEngineApi | null, el: HTMLElement | null) => {
    engine.current = e;
    pane.current = el;
    setShown(e);
  }, []);

  return (
    <div className="workspace text-workspace">
      <div className="workspace-bar">
        <strong>{project.name}</strong>
        {mode !== 'annotate' && <span className="stage-badge">{mode}</span>}
        <span className="muted" data-testid="label-count">{labels.all().length} labels · {status}</span>
        <span className="spacer" />
        <span className="muted">keys label · / find{hasClasses ? ' · B review' : ''} · ? help</span>
        {!proposal && <HistoryButtons history={{ undo: () => labels.undo(), redo: () => labels.redo(), nextUndo: labels.history.nextUndo, nextRedo: labels.history.nextRedo }} />}
        {hasClasses && <button type="button" className={review ? 'on' : ''} onClick={() => setReview((v) => !v)} aria-pressed={review}>Review machine classes (B)</button>}
        {deciding
          ? <ReviewBar qa={mode === 'qa'} reasons={decision.reasons.length} edited={edited} busy={decision.busy} onDecide={(v) => void decision.decide(v)} />
          : <button type="button" onClick={submit}>Submit (Enter)</button>}
      </div>
      {lost && <p className="error" role="alert">{lost}</p>}
      {(message ?? decision.message) && <p className="error" role="alert">{message ?? decision.message}</p>}
      {mode === 'rework' && <ReworkBanner reasons={reasonsOf(task.view)} rejections={task.view.task.rejections ?? 1} labelOf={labelOf} onSelect={select} />}
      <div className={`workspace-body${hasSpans ? '' : ' text-classes-only'}`}>
        <div className="text-main">
          {proposal
            ? <ReviewCard text={text} proposal={proposal} color={ontology.classes.find((c) => c.name === proposal.label)?.color} onAccept={() => decide(true)} onReject={() => decide(false)} />
            : hasSpans
              ? <SpanPane text={text} labels={labels} ontology={ontology} settings={settings} selected={selected} onSelect={setSelected} onRange={() => setMessage(null)} onMessage={setMessage} onEngine={onEngine} />
              : <p className="text-doc" data-testid="text">{text}</p>}
          {review && !proposal && <p className="muted">No machine class waits on this item: label it with the class keys.</p>}
          {!proposal && <ClassBar keys={keys} labels={labels} multi={settings.multi} filterRef={filter} onPick={pick} />}
          {!proposal && <ClassAttributes labels={labels} ontology={ontology} />}
          {!hasSpans && deciding && <ReviewSide view={task.view} review={decision} selected={selected} labelOf={labelOf} />}
          {!hasSpans && <ChecksPanel failures={checks.failures} panelRef={checks.panel} labelOf={labelOf} />}
        </div>
        {hasSpans && (
          <aside className="workspace-side">
            {deciding && <ReviewSide view={task.view} review={decision} selected={selected} labelOf={labelOf} />}
            <SpanList labels={labels} ontology={ontology} chars={chars} selected={selected} onSelect={(id) => { select(id); pane.current?.focus(); }} onAccept={acceptOne} onAcceptAll={acceptAll} />
            <SpanDetails labels={labels} ontology={ontology} selected={selected} />
            <ChecksPanel failures={checks.failures} panelRef={checks.panel} labelOf={labelOf} onSelect={select} />
          </aside>
        )}
      </div>
      {help && <TextHelp onClose={() => setHelp(false)} deciding={deciding ? mode as 'review' | 'qa' : undefined} />}
    </div>
  );
}
