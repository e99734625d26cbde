/** Northwind Robotics' price list: autonomous warehouse robots and the software that runs them. */

export interface CatalogProduct {
  name: string;
  code: string;
  family: 'Software' | 'Services' | 'Hardware' | 'Support';
  /** List price in USD (the corporate currency). */
  listPriceUsd: number;
  unit: 'Each' | 'Seat' | 'Hour' | 'Year';
  description: string;
}

export const CATALOG: readonly CatalogProduct[] = [
  {
    name: 'Fleet Manager Enterprise',
    code: 'NW-SW-FME',
    family: 'Software',
    listPriceUsd: 1200,
    unit: 'Seat',
    description: 'Annual subscription per robot: fleet orchestration, traffic control and dashboards.',
  },
  {
    name: 'Fleet Manager Professional',
    code: 'NW-SW-FMP',
    family: 'Software',
    listPriceUsd: 750,
    unit: 'Seat',
    description: 'Annual subscription per robot for single-site fleets.',
  },
  {
    name: 'Vision AI Module',
    code: 'NW-SW-VIS',
    family: 'Software',
    listPriceUsd: 480,
    unit: 'Seat',
    description: 'Camera-based pallet and obstacle recognition, per robot per year.',
  },
  {
    name: 'Route Optimizer',
    code: 'NW-SW-RTO',
    family: 'Software',
    listPriceUsd: 18000,
    unit: 'Year',
    description: 'Site-wide path planning and slotting optimization, per site per year.',
  },
  {
    name: 'AMR-200 Autonomous Mobile Robot',
    code: 'NW-HW-A200',
    family: 'Hardware',
    listPriceUsd: 32000,
    unit: 'Each',
    description: '200 kg payload autonomous mobile robot with LiDAR navigation.',
  },
  {
    name: 'AMR-500 Heavy Payload Robot',
    code: 'NW-HW-A500',
    family: 'Hardware',
    listPriceUsd: 58000,
    unit: 'Each',
    description: '500 kg payload robot for pallet moves and tugging.',
  },
  {
    name: 'CD-2 Charging Dock',
    code: 'NW-HW-CD2',
    family: 'Hardware',
    listPriceUsd: 2400,
    unit: 'Each',
    description: 'Opportunity charging dock for AMR-200 and AMR-500.',
  },
  {
    name: 'LiDAR Safety Sensor Kit',
    code: 'NW-HW-LSK',
    family: 'Hardware',
    listPriceUsd: 3900,
    unit: 'Each',
    description: 'Retrofit 360° safety scanner kit.',
  },
  {
    name: 'Implementation Standard',
    code: 'NW-PS-IMS',
    family: 'Services',
    listPriceUsd: 185,
    unit: 'Hour',
    description: 'Site mapping, integration with the WMS and go-live support.',
  },
  {
    name: 'Implementation Premium',
    code: 'NW-PS-IMP',
    family: 'Services',
    listPriceUsd: 240,
    unit: 'Hour',
    description: 'Multi-site rollout with a dedicated solutions architect.',
  },
  {
    name: 'Operator Training',
    code: 'NW-PS-TRN',
    family: 'Services',
    listPriceUsd: 2200,
    unit: 'Each',
    description: 'One day of on-site training for up to 12 operators.',
  },
  {
    name: 'Premier Support',
    code: 'NW-SP-PRM',
    family: 'Support',
    listPriceUsd: 9500,
    unit: 'Year',
    description: '24/7 support with four-hour on-site response, per site per year.',
  },
  {
    name: 'Standard Support',
    code: 'NW-SP-STD',
    family: 'Support',
    listPriceUsd: 4200,
    unit: 'Year',
    description: 'Business-hours support with next-business-day parts, per site per year.',
  },
  {
    name: 'Extended Warranty 3 Years',
    code: 'NW-SP-EW3',
    family: 'Support',
    listPriceUsd: 3600,
    unit: 'Each',
    description: 'Three-year parts and labor warranty extension, per robot.',
  },
];
