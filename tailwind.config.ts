import type { Config } from 'tailwindcss';

export const config: Config = {
  content: ['./app/**/*.{ts,tsx}', './components/**/*.{ts,tsx}'],
  theme: { extend: {} },
  plugins: [],
};

// Tailwind loads its configuration through a default export.
export default config;
