// The invoicing feature's public entry point: what other screens compose (through src/app).
// Its own pages are loaded lazily by the routes from their files.
export { Customer360Panel } from './components/customer-360-panel.tsx';
