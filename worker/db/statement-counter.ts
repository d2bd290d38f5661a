/**
 * Wraps a D1 binding to count the statements a request prepares (each runs once), so the cost
 * of an endpoint in D1 statements is observable — the bulk ingest benchmark reads it.
 */
export function countingD1(d1: D1Database): { d1: D1Database; statements: () => number } {
  let count = 0;
  const wrapped = new Proxy(d1, {
    get(target, prop, receiver) {
      if (prop === 'prepare') {
        return (query: string) => {
          count++;
          return target.prepare(query);
        };
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { d1: wrapped, statements: () => count };
}
