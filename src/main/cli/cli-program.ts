/**
 * The command line of DESIGN.md §6.1. Each command loads only what it needs, so `safehold get`
 * does not pay for validation or certificate parsing.
 */
import { Command, Option } from 'commander'
import { CREDENTIAL_TYPES, ROLES, SECRET_STATUSES } from '../../shared/domain'
import { SafeholdError } from '../../shared/errors'
import { CliContext, type GlobalOptions } from './cli-context'
import type { CliIo } from './cli-io'

const collect = (value: string, previous: string[] = []): string[] => [...previous, value]

type Action<O> = (context: CliContext, args: string[], options: O) => Promise<void>

/** The exit status a command asked for (`run` passes its child's); 0 unless one did. */
export interface ExitStatus {
  code: number
}

export function buildProgram(io: CliIo, exit: ExitStatus = { code: 0 }): Command {
  const run =
    <O>(action: () => Promise<Action<O>>) =>
    async (...params: unknown[]): Promise<void> => {
      const command = params[params.length - 1] as Command
      const options = command.optsWithGlobals<O & GlobalOptions>()
      const context = new CliContext(options, io)
      await (
        await action()
      )(context, command.args, options)
      context.printNotices()
      if (context.exitStatus !== null) exit.code = context.exitStatus
    }
  return commands(run, io)
}

type Run = <O>(action: () => Promise<Action<O>>) => (...params: unknown[]) => Promise<void>

function commands(run: Run, io: CliIo): Command {
  const program = new Command('safehold')
    .description('Safehold: your secrets, encrypted on this machine, the key in the OS keychain.')
    .option('--vault <dir>', 'vault folder (default: SAFEHOLD_VAULT_DIR, else the app-data folder)')
    .option('--passphrase-stdin', 'read the vault passphrase from standard input')
    .option('--json', 'print machine-readable JSON')
    .exitOverride()
    // Usage mistakes are printed by run-cli.ts like every other failure: one line with a code.
    // Help a user asked for goes to stdout; help commander offers after a mistake is dropped.
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: () => {},
      outputError: () => {},
    })

  program
    .command('init')
    .description('create a vault; its key goes into the OS keychain, or is wrapped by a passphrase')
    .option('--org <name>', 'organization name')
    .option('--user <name>', 'your name (default: your login name)')
    .action(run(async () => (await import('./commands-vault')).init))

  const workspace = program
    .command('workspace')
    .description('workspaces of the organization')
    .action(() => {
      throw new SafeholdError(
        'INVALID_INPUT',
        'Say what to do: "safehold workspace add NAME", "safehold workspace rename OLD NEW" or "safehold workspace list".',
      )
    })
  workspace
    .command('add <name>')
    .description('add a workspace')
    .action(run(async () => (await import('./commands-vault')).workspaceAdd))
  workspace
    .command('list')
    .description('list the workspaces')
    .action(run(async () => (await import('./commands-vault')).workspaceList))
  workspace
    .command('rename <old> <new>')
    .description('rename a workspace; its secrets move with it')
    .action(run(async () => (await import('./commands-vault')).workspaceRename))

  program
    .command('profile')
    .description('show or change your name and role')
    .option('--user <name>', 'your name')
    .addOption(new Option('--role <role>', 'your role').choices(ROLES))
    .option('--confirm <word>', 'DEMOTE, to give up the Account Holder role on purpose')
    .action(run(async () => (await import('./commands-vault')).profile))

  program
    .command('register')
    .description('register a secret')
    .addOption(
      new Option('--type <type>', 'credential type')
        .choices(CREDENTIAL_TYPES)
        .makeOptionMandatory(),
    )
    .requiredOption('--name <name>', 'secret name')
    .requiredOption('--scope <scope>', 'organization | workspace:NAME | personal')
    .option('--availability <availability>', 'organization | spot:SPOT (organization scope)')
    .option('--expires <date>', 'expiration date, YYYY-MM-DD')
    .option('--field <key=value>', 'a field, e.g. headerName=X-Api-Key or pair:KEY=VALUE', collect)
    .option('--secret-stdin <field>', 'read this field’s value from standard input')
    .option('--cert <file>', 'certificate file (.pem .crt .cer .der .p12 .pfx)')
    .option('--key <file>', 'private key file (.key)')
    .option('--kv-file <file>', 'a .env file or JSON object of key/value pairs')
    .option(
      '--cert-password-stdin',
      'read the PKCS#12 password or .key passphrase from standard input',
    )
    .option('--note <text>', 'notes, up to 4 KiB (metadata, shown by show; never a value)')
    .option('--tag <tag>', 'a tag of letters, digits, "-" and "_" (repeat for up to 20)', collect)
    .action(run(async () => (await import('./commands-secrets')).register))

  program
    .command('list')
    .description('list secrets (never values)')
    .option('--scope <scope>', 'organization | workspace:NAME | personal')
    .addOption(
      new Option('--status <status>', 'only secrets with this status').choices(SECRET_STATUSES),
    )
    .option('--tag <tag>', 'only secrets with this tag (any case)')
    .action(run(async () => (await import('./commands-secrets')).list))

  program
    .command('show <name>')
    .description('metadata, status and usages of a secret (never values)')
    .option('--scope <scope>', 'the scope, where the name is used in several')
    .action(run(async () => (await import('./commands-secrets')).show))

  program
    .command('get <name>')
    .description('print one value for a consumer; recorded as a use')
    .option('--field <field>', 'the field to print (default: the secret’s main value)')
    .requiredOption('--as <consumer>', 'who uses it, e.g. deploy-script or spot:CodeCrafters')
    .option('--scope <scope>', 'the scope, where the name is used in several')
    .action(run(async () => (await import('./command-get')).get))

  program
    .command('run')
    .description('run a command with secret values in its environment; a use of each')
    .usage(
      '--as CONSUMER [--env VAR=NAME[.FIELD] ...] [--env-file FILE] [--no-masking] -- COMMAND [ARGS...]',
    )
    .requiredOption('--as <consumer>', 'who uses them, e.g. deploy-script or spot:CodeCrafters')
    .option(
      '--env <var=name>',
      'VAR=NAME or VAR=NAME.FIELD: a variable and the value it gets',
      collect,
    )
    .option(
      '--env-file <file>',
      'a .env file; values written safehold://NAME[/FIELD] are filled in',
    )
    .option('--no-masking', 'pass the command’s output through unmasked (TTY programs, protocols)')
    .argument('[command...]', 'the command and its arguments, after --')
    .action(run(async () => (await import('./command-run')).run))

  program
    .command('inject')
    .description('fill {{ safehold://NAME[/FIELD] }} in a template with values; a use of each')
    .requiredOption('-i, --in <template>', 'the template file')
    .option('-o, --out <file>', 'write here (a new file, 0600) instead of to standard output')
    .option('--force', 'replace the output file if it exists')
    .requiredOption('--as <consumer>', 'who uses them, e.g. deploy-script or spot:CodeCrafters')
    .action(run(async () => (await import('./command-run')).inject))

  program
    .command('test <name>')
    .description(
      'test a secret against its server; a use by "connection-test" (never prints a value or token)',
    )
    .option('--url <url>', 'the address to test: https://host/path, or host:port for a certificate')
    .option('--ca <file>', 'trust this CA certificate (PEM or DER) instead of the system’s')
    .option('--timeout <seconds>', 'give up after this many seconds (default 10)')
    .option('--scope <scope>', 'the scope, where the name is used in several')
    .action(run(async () => (await import('./command-test')).test))

  program
    .command('edit <name>')
    .description(
      'change a secret; a secret field left out keeps its value, and a value replaced is kept 30 days',
    )
    .option('--scope <scope>', 'the scope, where the name is used in several')
    .option('--field <key=value>', 'a field to change', collect)
    .option('--secret-stdin <field>', 'read this field’s new value from standard input')
    .option('--expires <date>', 'new expiration date (YYYY-MM-DD), or "none"')
    .option('--cert <file>', 'replace the certificate')
    .option('--key <file>', 'replace the private key')
    .option('--kv-file <file>', 'replace all key/value pairs with this file’s')
    .option('--remove-key <key>', 'remove this key of a key/value secret', collect)
    .option(
      '--cert-password-stdin',
      'read the PKCS#12 password or .key passphrase from standard input',
    )
    .option('--rename <new>', 'a new secret name, unique in its scope')
    .option('--availability <availability>', 'organization | spot:SPOT (organization secrets)')
    .option('--note <text>', 'replace the notes; --note "" removes them')
    .option('--tag <tag>', 'replace the tags with these (repeat for several)', collect)
    .option('--clear-tags', 'remove every tag')
    .option(
      '--restore-previous',
      'swap in the value the last edit replaced (kept 30 days); can itself be undone',
    )
    .action(run(async () => (await import('./commands-secrets')).edit))

  program
    .command('delete <name>')
    .description('delete a secret now, or schedule its deletion in 30 days')
    .option('--scope <scope>', 'the scope, where the name is used in several')
    .option('--now', 'delete at once; this cannot be undone')
    .option('--schedule', 'delete in 30 days unless used or cancelled')
    .option('--confirm <word>', 'type DELETE to confirm')
    .action(run(async () => (await import('./commands-secrets')).remove))

  program
    .command('cancel-deletion <name>')
    .description('cancel a scheduled deletion')
    .option('--scope <scope>', 'the scope, where the name is used in several')
    .action(run(async () => (await import('./commands-secrets')).cancelDeletion))

  program
    .command('upcoming')
    .description('every pending deletion and expiry, soonest first')
    .action(run(async () => (await import('./commands-lifecycle')).upcoming))

  program
    .command('notifications')
    .description('the notification centre: every reminder sent, newest first')
    .option('--mark-read', 'then mark them all read (listing alone marks nothing)')
    .action(run(async () => (await import('./commands-lifecycle')).notifications))

  program
    .command('scan <paths...>')
    .description('where any vault value appears in files: file:line and secret name, never values')
    .option('--git-history', 'also read every commit of each git repository given')
    .action(run(async () => (await import('./command-scan')).scan))

  program
    .command('audit [name]')
    .description(
      'the audit log, oldest first: who did what, and every use and refusal; never values',
    )
    .option('--since <date>', 'only entries at or after this date (YYYY-MM-DD) or time')
    .option('--action <action>', 'only entries of this action, e.g. used, use-refused, edited')
    .option('--scope <scope>', 'the scope, where the name is used in several')
    .action(run(async () => (await import('./command-audit')).audit))

  program
    .command('import')
    .description(
      'import secrets from a .env file (--env) or from a vault export (--vault-export), all or none',
    )
    .usage(
      '--env FILE [--as-one NAME | --one-per-line] --scope SCOPE | --vault-export FILE [--on-conflict MODE]',
    )
    .option('--env <file>', 'a .env file (or a JSON object of strings), at most 1 MiB')
    .option('--as-one <name>', '--env: one Key/Value secret of this name holding every pair')
    .option('--one-per-line', '--env: one Key/Value secret per key, named after it (the default)')
    .option('--scope <scope>', '--env: organization | workspace:NAME | personal')
    .option('--availability <availability>', '--env: organization | spot:SPOT (organization)')
    .option('--vault-export <file>', 'a file made by "safehold export"')
    .addOption(
      new Option(
        '--on-conflict <mode>',
        '--vault-export: a name already taken here (default fail)',
      ).choices(['fail', 'skip', 'rename']),
    )
    .action(run(async () => (await import('./command-transfer')).importCommand))

  program
    .command('export')
    .description(
      'write every secret to one encrypted file, for another machine; its passphrase from SAFEHOLD_EXPORT_PASSPHRASE, else asked',
    )
    .requiredOption('--out <file>', 'the export file to write (new, 0600)')
    .option('--force', 'replace the file if it exists')
    .action(run(async () => (await import('./command-transfer')).exportVault))

  program
    .command('backups')
    .description('list the vault’s backups')
    .action(run(async () => (await import('./commands-vault')).backups))

  program
    .command('restore <backup>')
    .description('make a backup the live vault again (the current state becomes a backup)')
    .option('--confirm <word>', 'type RESTORE to confirm')
    .action(run(async () => (await import('./commands-vault')).restore))

  return program
}
