/**
 * `npm run operator:hash`: prints the scrypt hash of an operator's password for OPERATOR_ACCOUNTS
 * (`name:<hash>`). The password is read from the terminal without echo (asked twice), or from stdin when it is
 * piped (`printf %s "$PW" | npm run -s operator:hash`), never from the command line, so it stays out of shell
 * history and process lists.
 */
import { stdin, stdout, stderr, exit } from 'node:process';
import { hashPassword } from '../packages/bff/src/console/passwords.js';

const MIN_LENGTH = 12;

/** One line from the terminal without echo (raw mode; Ctrl-C aborts). */
function askHidden(question: string): Promise<string> {
  return new Promise((ok, fail) => {
    stderr.write(question);
    let text = '';
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          stdin.off('data', onData);
          stdin.setRawMode(false);
          stdin.pause();
          stderr.write('\n');
          return ok(text);
        }
        if (ch === '\u0003') {
          stdin.setRawMode(false);
          stderr.write('\n');
          return fail(new Error('aborted'));
        }
        if (ch === '\u007f' || ch === '\b') text = text.slice(0, -1);
        else text += ch;
      }
    };
    stdin.on('data', onData);
  });
}

async function readPiped(): Promise<string> {
  let text = '';
  for await (const chunk of stdin) text += String(chunk);
  return text.replace(/\r?\n$/, '');
}

async function main(): Promise<void> {
  let password: string;
  if (stdin.isTTY) {
    password = await askHidden('Operator password: ');
    if ((await askHidden('Again: ')) !== password) throw new Error('the two passwords differ');
  } else {
    password = await readPiped();
  }
  if (password.length < MIN_LENGTH) throw new Error(`the password must have at least ${MIN_LENGTH} characters`);
  stdout.write(`${await hashPassword(password)}\n`);
  if (stdin.isTTY) stderr.write('Put it into OPERATOR_ACCOUNTS as name:<hash> (pairs separated by commas).\n');
}

main().catch((e: unknown) => {
  stderr.write(`operator:hash: ${e instanceof Error ? e.message : String(e)}\n`);
  exit(1);
});
