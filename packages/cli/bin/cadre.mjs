#!/usr/bin/env node
// Cadre's command line. TypeScript runs through tsx, so there is no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
