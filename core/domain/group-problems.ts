/**
 * The same problem on several agents, said once: problems whose id is `<kind>-<agent>` and whose
 * fix is the same word for word are merged into the first, which names the others ("Test
 * Connection failed for mp_…agent0… (the same on 3 more agents: …)"). A problem whose fix differs
 * (another log line, another queue) stays on its own.
 */
import { t } from '../i18n';
import type { SetupProblem } from './types';

export interface GroupedProblem extends SetupProblem {
  /** The agents a merged problem concerns (absent for a problem of one thing). */
  agents?: string[];
}

export function groupAgentProblems(problems: readonly SetupProblem[], agentNames: readonly string[]): GroupedProblem[] {
  const agentOf = (p: SetupProblem) => agentNames.find((name) => p.id.endsWith(`-${name}`) && p.title.includes(name));
  const groups = new Map<string, { first: SetupProblem; agents: string[] }>();
  const out: (GroupedProblem | { key: string })[] = [];
  for (const p of problems) {
    const agent = agentOf(p);
    if (!agent) {
      out.push(p);
      continue;
    }
    const key = `${p.id.slice(0, -agent.length - 1)}\n${p.severity}\n${p.fix}`;
    const group = groups.get(key);
    if (group) group.agents.push(agent);
    else {
      groups.set(key, { first: p, agents: [agent] });
      out.push({ key });
    }
  }
  return out.map((item) => {
    if (!('key' in item)) return item;
    const { first, agents } = groups.get(item.key) as { first: SetupProblem; agents: string[] };
    if (agents.length === 1) return first;
    const agent = agentOf(first) as string;
    const others = agents.slice(1);
    return {
      ...first,
      id: `${first.id.slice(0, -agent.length - 1)}-agents`,
      title: `${first.title} ${t('(the same on {0} more agent(s): {1})', String(others.length), others.join(', '))}`,
      agents,
    };
  });
}
