// The dashboards' payloads, as the server sends them (packages/server/src/services/dashboard).
export interface Cap { cap: number; taken: number; left: number | null; reached: boolean; resetsAt: string }
export interface Break { continuousMinutes: number; breakAfterMinutes: number; due: boolean; since: string | null }
export interface Hour { hour: string; submitted: number; accepted: number }
export interface Reason { code?: string; label: string; count: number }
export interface Forecast { remaining: number; acceptedPerHour: number; completesAt: string | null }

export interface MeDashboard {
  view: 'me'; at: string; timeZone: string;
  today: { taken: number; submitted: number; objects: number; workedMinutes: number; itemsPerHour: number | null };
  cap: Cap; break: Break;
  earnings: { currency: string; pendingMinor: number; settledMinor: number; todaySettledMinor: number } | null;
  quality: { accepted: number; rejected: number; pending: number; rejectionRate: number | null; reasons: Reason[] };
}

export interface AdminDashboard {
  view: 'admin'; at: string; timeZone: string;
  throughput: { hours: Hour[]; submitted: number; accepted: number };
  stages: { stage: string; open: number; leased: number; waiting: number; done: number }[];
  alerts: { stage: string; kind: 'above' | 'drained'; message: string }[];
  forecast: Forecast;
  people: { userId: string; name: string; items: number; objects: number; reviews: number; workedMinutes: number; itemsPerMinute: number | null; objectsPerMinute: number | null; cap: Cap; break: Break }[];
  quality: { rejectionRate: number | null; qaAccuracy: number | null; reasons: Reason[] };
  money: { currency: string; revenueMinor: number; labourMinor: number; machineMinor: number; marginMinor: number; costPerItem: { method: string; items: number; perItemMinor: number }[]; unpaidAcceptedItems: number } | null;
}

export interface ClientDashboard {
  view: 'client'; at: string;
  project: { id: string; name: string };
  progress: { total: number; accepted: number; remaining: number; percent: number };
  acceptedPerHour: { hour: string; accepted: number }[];
  stages: { stage: string; queued: number }[];
  forecast: Forecast;
  quality: { rejectionRate: number | null; qaAccuracy: number | null; reasons: Reason[] };
  invoices: { id: string; period: string; currency: string; totalMinor: number; units: number; closedAt: string | null }[] | null;
  people: { name: string; accepted: number }[] | null;
}
