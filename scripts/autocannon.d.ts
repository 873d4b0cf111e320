// The part of autocannon's API the benchmark and the load test use (the package ships no types).
declare module "autocannon" {
  interface Result {
    requests: { average: number; total: number };
    latency: { p50: number; p99: number; max: number };
    errors: number;
    timeouts: number;
    non2xx: number;
    "3xx": number;
    statusCodeStats?: Record<string, { count: number }>;
  }
  function autocannon(options: { url: string; connections: number; duration: number; headers?: Record<string, string>; timeout?: number }): Promise<Result>;
  export default autocannon;
}
