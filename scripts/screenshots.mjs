// Runs scripts/screenshots.ts through tsx, like the CLI.
import { register } from 'tsx/esm/api';

register();
await import('./screenshots.ts');
