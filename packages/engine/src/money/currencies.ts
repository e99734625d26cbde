/**
 * ISO 4217 currency codes the engine knows, with the minor units plan-language v1 assigns them.
 *
 * The table holds every active code (including fund codes such as UYI and the X-codes) plus a few
 * codes withdrawn since 2020 (CUC, HRK, SLL, ZWL, ANG) that still appear in historical CRM data.
 * An unknown code is refused as bad input rather than guessed at.
 */
const ACTIVE_CODES =
  'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD BTN BWP BYN BZD ' +
  'CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL ' +
  'GHS GIP GMD GNF GTQ GYD HKD HNL HRK HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD ' +
  'KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK ' +
  'NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP ' +
  'STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED VES VND VUV WST XAF ' +
  'XAG XAU XBA XBB XBC XBD XCD XCG XDR XOF XPD XPF XPT XSU XTS XUA XXX YER ZAR ZMW ZWG ZWL';

/** Plan-language v1 §1: these have 0 minor units, these 3, every other code 2. */
const ZERO_MINOR_UNITS = 'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF';
const THREE_MINOR_UNITS = 'BHD IQD JOD KWD LYD OMR TND';

const MINOR_UNITS: ReadonlyMap<string, number> = (() => {
  const table = new Map<string, number>();
  for (const code of ACTIVE_CODES.split(' ')) table.set(code, 2);
  for (const code of ZERO_MINOR_UNITS.split(' ')) table.set(code, 0);
  for (const code of THREE_MINOR_UNITS.split(' ')) table.set(code, 3);
  return table;
})();

/** True for a currency code the engine knows (upper-case ISO 4217). */
export function isCurrencyCode(code: unknown): code is string {
  return typeof code === 'string' && MINOR_UNITS.has(code);
}

/** The number of decimals money in this currency carries (0, 2 or 3). Throws on an unknown code. */
export function currencyMinorUnits(code: string): number {
  const units = MINOR_UNITS.get(code);
  if (units === undefined) throw new RangeError(`unknown currency code ${JSON.stringify(code)}`);
  return units;
}

/** Every known currency code, sorted. */
export function currencyCodes(): string[] {
  return [...MINOR_UNITS.keys()].sort();
}
