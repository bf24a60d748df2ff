// Usage: npm --prefix pulumi run cost -- production   (or staging)
import { estimateMonthlyCost, formatCostReport } from './src/cost';
import { loadStackSettings } from './src/stack-files';

for (const stack of process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['staging', 'production']) {
  console.log(formatCostReport(stack, estimateMonthlyCost(loadStackSettings(stack))));
  console.log('');
}
