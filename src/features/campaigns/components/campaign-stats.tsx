// A campaign's figures at a glance: reach, leads, deals, won revenue, cost per lead and return.
import type { CampaignStats } from '../api/campaigns.ts';
import { formatCampaignMoney, formatReturn } from '../format.ts';

interface CampaignStatsPanelProps {
  stats: CampaignStats;
  budget: number;
  currency: string;
  fallbackCurrency: string;
}

export function CampaignStatsPanel({ stats, budget, currency, fallbackCurrency }: CampaignStatsPanelProps) {
  const money = (v: number | null) => formatCampaignMoney(v, currency, fallbackCurrency);
  const figures = [
    { label: 'Members', value: String(stats.members) },
    { label: 'Leads', value: String(stats.leads) },
    { label: 'Converted leads', value: String(stats.converted_leads) },
    { label: 'Deals', value: String(stats.deals) },
    { label: 'Won revenue', value: money(stats.won_amount) },
    { label: 'Budget', value: money(budget) },
    { label: 'Cost per lead', value: money(stats.cost_per_lead) },
    { label: 'Return on budget', value: formatReturn(stats.return_on_budget) },
  ];
  return (
    <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
      {figures.map((f) => (
        <div key={f.label} className="grid gap-0.5">
          <dt className="text-muted">{f.label}</dt>
          <dd className="m-0 text-lg font-semibold tabular-nums">{f.value}</dd>
        </div>
      ))}
    </dl>
  );
}
