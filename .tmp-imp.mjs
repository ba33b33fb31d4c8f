
const t0 = performance.now();
await import("fast-check"); const t1 = performance.now();
await import("vitest"); const t2 = performance.now();
await import("/work/main/node_modules/vitest/dist/workers/threads.js"); const t3 = performance.now();
console.log("fast-check", Math.round(t1-t0), "vitest", Math.round(t2-t1), "threads.js", Math.round(t3-t2));
