// The dashboards' payloads, as the contract types them (@cadre/contract, dashboard.ts).
import type { AdminDashboard, MeDashboard } from '@cadre/contract';

export type { AdminDashboard, ClientDashboard, MeDashboard } from '@cadre/contract';
export type Cap = MeDashboard['cap'];
export type Break = MeDashboard['break'];
export type Forecast = AdminDashboard['forecast'];
