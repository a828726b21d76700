// Stands in for Next's 'server-only' marker when server modules run under vitest.
export {};
