/**
 * The standard Opportunity sales process of a new org (Setup → Opportunity Stages), with each stage's
 * default probability, forecast category and closed/won flags. Salesforce derives IsClosed, IsWon and
 * ForecastCategory from StageName; the store and the seed both read this table so they agree.
 */
export interface OpportunityStage {
  readonly name: string;
  readonly probability: number;
  readonly forecastCategory: 'Pipeline' | 'BestCase' | 'Commit' | 'Closed' | 'Omitted';
  readonly forecastCategoryName: 'Pipeline' | 'Best Case' | 'Commit' | 'Closed' | 'Omitted';
  readonly isClosed: boolean;
  readonly isWon: boolean;
}

export const OPPORTUNITY_STAGES: readonly OpportunityStage[] = [
  stage('Prospecting', 10, 'Pipeline'),
  stage('Qualification', 10, 'Pipeline'),
  stage('Needs Analysis', 20, 'Pipeline'),
  stage('Value Proposition', 50, 'Pipeline'),
  stage('Id. Decision Makers', 60, 'Pipeline'),
  stage('Perception Analysis', 70, 'Pipeline'),
  stage('Proposal/Price Quote', 75, 'Pipeline'),
  stage('Negotiation/Review', 90, 'Pipeline'),
  {
    name: 'Closed Won',
    probability: 100,
    forecastCategory: 'Closed',
    forecastCategoryName: 'Closed',
    isClosed: true,
    isWon: true,
  },
  {
    name: 'Closed Lost',
    probability: 0,
    forecastCategory: 'Omitted',
    forecastCategoryName: 'Omitted',
    isClosed: true,
    isWon: false,
  },
];

function stage(name: string, probability: number, category: 'Pipeline'): OpportunityStage {
  return {
    name,
    probability,
    forecastCategory: category,
    forecastCategoryName: category,
    isClosed: false,
    isWon: false,
  };
}

const BY_NAME = new Map(OPPORTUNITY_STAGES.map((s) => [s.name.toLowerCase(), s]));

/** The stage definition for a StageName (case-insensitive, as picklist matching is), or undefined. */
export function opportunityStage(stageName: string): OpportunityStage | undefined {
  return BY_NAME.get(stageName.toLowerCase());
}

export const FORECAST_CATEGORY_NAMES = ['Pipeline', 'Best Case', 'Commit', 'Closed', 'Omitted'] as const;
export const FORECAST_CATEGORIES = ['Pipeline', 'BestCase', 'Commit', 'Closed', 'Omitted'] as const;
