export { freePort } from '../../stack/ports.ts';
