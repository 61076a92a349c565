// Red lines and their alerts: the rules (red-lines.ts, pure), one evaluation of a project
// (evaluate.ts), when evaluations happen (watch.ts), the webhook (webhook.ts) and the log for managers.
export { evaluateProject, MIN_GAP_MS, type EvaluateOptions, type Evaluation } from './evaluate.ts';
export { startAlertWatch, type AlertWatchOptions } from './watch.ts';
export { alertsCsv, alertToWire, listAlerts } from './alert-log.service.ts';
export { dashboardAlerts, type DashboardAlert } from './dashboard-alerts.ts';
