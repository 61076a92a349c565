// Test support for engines built on @cadre/document (`@cadre/document/testing`); never imported by app code.
export { contractChecks, documentContract } from './contract.ts';
export type { ContractEngine, DocumentContractAdapter, TestFn } from './contract.ts';
