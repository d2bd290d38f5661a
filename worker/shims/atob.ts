// Replaces the `atob` npm package (its browser build touches `window`, which workerd lacks).
export default function atob(s: string): string {
  return globalThis.atob(s);
}
