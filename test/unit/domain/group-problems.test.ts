/** The same problem on several agents is said once; problems that differ stay apart. */
import { groupAgentProblems } from '../../../core/domain/group-problems';
import type { SetupProblem } from '../../../core/domain/types';

const AGENTS = [0, 1, 2, 3].map((i) => `mp_replication_agent${i}_default_acme`);
const failed = (name: string, fix = 'Open the log; fix what it names and test again.'): SetupProblem => ({
  id: `agent-test-${name}`,
  severity: 'error',
  title: `Test Connection failed for ${name}`,
  fix,
});

test('four agents with one failure and one fix: one problem, naming the other three', () => {
  const grouped = groupAgentProblems(
    AGENTS.map((a) => failed(a)),
    AGENTS,
  );
  expect(grouped).toEqual([
    {
      id: 'agent-test-agents',
      severity: 'error',
      title: `Test Connection failed for ${AGENTS[0]} (the same on 3 more agent(s): ${AGENTS.slice(1).join(', ')})`,
      fix: 'Open the log; fix what it names and test again.',
      agents: AGENTS,
    },
  ]);
});

test('two of four: named; a different fix (another log) stays on its own; other problems keep their place', () => {
  const other: SetupProblem = { id: 'ims-unhealthy', severity: 'error', title: 'No token', fix: 'Correct the secret.' };
  const grouped = groupAgentProblems([other, failed(AGENTS[1]), failed(AGENTS[3]), failed(AGENTS[2], 'Allow outgoing HTTPS.')], AGENTS);
  expect(grouped.map((p) => p.title)).toEqual([
    'No token',
    `Test Connection failed for ${AGENTS[1]} (the same on 1 more agent(s): ${AGENTS[3]})`,
    `Test Connection failed for ${AGENTS[2]}`,
  ]);
  expect(grouped[1].agents).toEqual([AGENTS[1], AGENTS[3]]);
});

test('a problem of one agent, or of something else whose id happens to end like a name, is left as it is', () => {
  const lone = failed(AGENTS[0]);
  const lookalike: SetupProblem = { id: `queue-x-${AGENTS[0]}`, severity: 'warning', title: 'Unrelated title', fix: 'x' };
  expect(groupAgentProblems([lone, lookalike], AGENTS)).toEqual([lone, lookalike]);
});
