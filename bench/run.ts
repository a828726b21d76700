// Placeholder until the benchmark suite lands: keeps `npm run bench:short` runnable.
console.log('bench: no benchmarks yet');
