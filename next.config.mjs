/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The sandbox and the StockTrim client are plain Node modules; keep undici out of the bundle.
  serverExternalPackages: ['undici'],
};

export default nextConfig;
