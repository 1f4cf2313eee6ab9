// Migration Guard: Test Round Trip — on a scratch embedded database (never the user's): upgrade base →
// head, then step down and back up the last revisions, comparing schemas at each step.
import * as vscode from 'vscode';
import { parseJsonOutput } from '../db/cliRunner';
import { roundTripArgs } from '../model/cliArgs';
import { roundTripText } from '../model/roundTripText';
import { notifyInfo } from '../notify';
import { UserFacingError } from '../errors';
import { cliFailure, runCliTask } from './cliTask';
import type { CommandContext } from './context';
import { pickProject, projectDir } from './pick';

import type { RoundTripReport } from '../../../server/src/db/roundTrip';

export async function testRoundTrip(ctx: CommandContext, arg?: unknown): Promise<unknown> {
  const project = await pickProject(ctx, typeof arg === 'string' ? arg : undefined);
  const count = project.graph?.revisions.length ?? 0;
  const steps = Math.max(1, Math.min(count, 5));
  const result = await runCliTask(ctx, project, roundTripArgs(projectDir(project), steps), {
    title:
      steps === 1
        ? vscode.l10n.t('Round trip of the last revision on a scratch database')
        : vscode.l10n.t('Round trip of the last {0} revisions on a scratch database', steps),
  });
  const report = parseJsonOutput(result.stdout) as Partial<RoundTripReport> | undefined;
  // No report ({"error": …} or nothing): the run failed before it started, worded by cliFailure.
  if (!report || typeof report !== 'object' || !Array.isArray(report.steps)) throw cliFailure(vscode.l10n.t('Test Round Trip'), result);
  const text = roundTripText(report, result.exitCode);
  for (const line of text.lines) ctx.output.info(line);
  const summary = text.summary;
  ctx.output.info(summary);
  if (!text.ok) {
    ctx.output.show(true);
    throw new UserFacingError(summary);
  }
  notifyInfo(ctx.output, summary);
  return report;
}
