// Usage: npm --prefix pulumi run cost -- production   (or staging; both without an argument)
import { formatCostReport } from './src/report';
import { loadStackSettings, planStack } from './src/stack-files';

let overBudget = false;
for (const stack of process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['staging', 'production']) {
  const settings = loadStackSettings(stack);
  const plan = planStack(settings);
  overBudget ||= !plan.withinBudget;
  console.log(formatCostReport(stack, plan, settings));
  console.log('');
}
process.exitCode = overBudget ? 1 : 0;
