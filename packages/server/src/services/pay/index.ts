// Piece-rate pay and client billing: rate cards, the settlement ledger, pay periods, statements,
// invoices and the money figures dashboards read.
export { settleAccepted, correctEntry, type SettledWork, type Correction } from './ledger.ts';
export { settleUncovered, uncoveredCount } from './uncovered.ts';
export { earningsSummary, projectMoney, currencyOf, listInvoices, listStatements, statementCsv, invoiceCsv, type StatementView, type CostPerItem } from './reports.ts';
export { closePeriod, periodOf, type ClosedPeriod, type StatementLine, type InvoiceLine } from './periods.ts';
export { parseRateCard, type RateCard } from './rate-card.ts';
export { writeRateCard, cardOf, type CardView } from './cards.ts';
export { applyBps, divRound, formatMinor, currencyExponent, BPS } from './money.ts';
export { toCsv, csvField, BOM } from './csv.ts';
export { pricedUnits, methodOf, type Method } from './units.ts';
