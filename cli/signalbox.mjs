#!/usr/bin/env node
// The `signalbox` command. Pipelines are TypeScript, so the CLI runs through tsx's loader.
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
