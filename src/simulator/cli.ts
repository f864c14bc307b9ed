// `keccel-sim`: the simulator on its own, for testing one's own app against a Keccel-compatible gateway.
import { describeChaos } from './chaos';
import { DEFAULT_NUMBER_DESCRIPTION, MAGIC_NUMBERS } from './magic';
import { KeccelSimulator, SANDBOX_TOKEN } from './server';
import type { SimulatorOptions } from './server';

const USAGE = `Usage: keccel-sim [options]

A local Keccel-compatible SMS gateway (v2 API: message.asp, delivery.asp, balance.asp;
OTP: /otp/generate.asp, /otp/validate.asp).

Options:
  --port N                port to listen on (default 8787; 0 picks a free port)
  --host H                address to listen on (default 127.0.0.1)
  --token T               the API token it accepts (default ${SANDBOX_TOKEN})
  --balance N             starting credits (default 1000)
  --delivery-delay-ms N   time until a message is DELIVERED (default 3000)
  --manual-delivery       no automatic outcome: messages stay pending until
                          POST /__sim/messages/<id>/delivery decides it
  --callback-url URL      push delivery reports: GET URL?messageID=..&status=DELIVERED
                          (also --callback)

Failure injection (at random; the magic recipients below fail every time):
  --reject-sends PCT      share of sends answered Rejected (0-100)
  --fail-deliveries PCT   share of accepted messages whose delivery ends FAILED
  --reset PCT             share of requests whose connection is reset
  --html500 PCT           share of requests answered with an IIS HTML 500 page
  --delay-ms N            wait before every answer

  --state FILE            keep the account and the messages in FILE across restarts
                          (loaded when it exists, saved on every change)
  --quiet                 do not log each request
  --help                  show this help
`;

/** Parses argv, starts the simulator and resolves to it (undefined for --help or bad arguments). */
export async function main(argv: string[]): Promise<KeccelSimulator | undefined> {
  let options: SimulatorOptions & { quiet?: boolean };
  try {
    options = parseArgs(argv);
  } catch (error) {
    console.error(`keccel-sim: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    process.exitCode = 2;
    return undefined;
  }
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return undefined;
  }
  const log = (line: string) => console.log(`${new Date().toISOString()} ${line}`);
  const simulator = new KeccelSimulator({
    ...options,
    logger: options.quiet ? undefined : { trace: log, info: log, warn: log, error: log },
  });
  try {
    await simulator.start();
  } catch (error) {
    console.error(`keccel-sim: cannot listen: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
    return undefined;
  }
  const origin = new URL(simulator.baseUrl).origin;
  console.log(
    `Keccel simulator ready.\n  base URL: ${simulator.baseUrl}\n  token:    ${simulator.token}\n  JSON API: ${origin}/__sim/messages (see docs/sandbox.md)\n\n` +
      `For your app's .env:\n  KECCEL_BASE_URL=${simulator.baseUrl}\n  KECCEL_TOKEN=${simulator.token}\n\nMagic recipients:`,
  );
  for (const [number, magic] of Object.entries(MAGIC_NUMBERS)) console.log(`  ${number}  ${magic.description}`);
  console.log(`  ${'other'.padEnd(12)}  ${DEFAULT_NUMBER_DESCRIPTION}`);
  const chaos = describeChaos(simulator.chaos.current);
  if (chaos) console.log(`\nFAILURE INJECTION ON: ${chaos}`);
  console.log('\nPress Ctrl+C to stop.');
  const stop = () => void simulator.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return simulator;
}

function parseArgs(argv: string[]): SimulatorOptions & { quiet?: boolean } {
  const options: SimulatorOptions & { quiet?: boolean } = { port: 8787 };
  const number = (flag: string, value: string | undefined): number => {
    const n = Number(value);
    if (value === undefined || !/^\d+$/.test(value) || !Number.isSafeInteger(n)) throw new Error(`${flag} needs a whole number`);
    return n;
  };
  const percent = (flag: string, value: string | undefined): number => {
    const n = Number(value);
    if (value === undefined || !/^\d+(\.\d+)?$/.test(value) || n > 100) throw new Error(`${flag} needs a share from 0 to 100`);
    return n;
  };
  const chaos = (options.chaos = {} as NonNullable<SimulatorOptions['chaos']>);
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--port': options.port = number(flag, value()); break;
      case '--host': options.host = value(); break;
      case '--token': options.token = value(); if (!options.token) throw new Error('--token needs a value'); break;
      case '--balance': options.balance = number(flag, value()); break;
      case '--delivery-delay-ms': options.deliveryDelayMs = number(flag, value()); break;
      case '--manual-delivery': options.deliveryDelayMs = null; break;
      case '--reject-sends': chaos.rejectSendsPercent = percent(flag, value()); break;
      case '--fail-deliveries': chaos.failDeliveriesPercent = percent(flag, value()); break;
      case '--reset': chaos.resetPercent = percent(flag, value()); break;
      case '--html500': chaos.html500Percent = percent(flag, value()); break;
      case '--delay-ms': chaos.delayMs = number(flag, value()); break;
      case '--callback-url':
      case '--callback': {
        const url = value();
        if (!url || !/^https?:\/\//.test(url)) throw new Error(`${flag} needs an http(s) URL`);
        options.callbackUrl = url;
        break;
      }
      case '--state': options.stateFile = value(); if (!options.stateFile) throw new Error('--state needs a file'); break;
      case '--quiet': options.quiet = true; break;
      case '--help': case '-h': break;
      default: throw new Error(`unknown option ${flag}`);
    }
  }
  return options;
}
