/** The kinds of account Sharper sends (an account's `type`). */
export const accountTypes = [
  'accounts_receivable',
  'bank',
  'other_current_asset',
  'fixed_asset',
  'other_asset',
  'accounts_payable',
  'credit_card',
  'other_current_liability',
  'long_term_liability',
  'equity',
  'income',
  'cost_of_goods_sold',
  'expense',
  'other_income',
  'other_expense',
] as const;

export type AccountType = (typeof accountTypes)[number];

/**
 * Input validation: the detail types (`subType`) an account of each type may carry. An account
 * whose detail type belongs to another type is refused by the books it lands in, so it is refused
 * here, where Sharper can still fix it.
 *
 * The spellings are those of the US chart-of-accounts detail types as QuickBooks Online publishes
 * them (Account entity reference, developer.intuit.com …/all-entities/account, AccountSubType
 * table), kept only where Intuit's `AccountSubTypeEnum` (intuit/QuickBooks-V3-Java-SDK,
 * ipp-v3-java-data) spells them the same way. Left out on purpose: detail types only non-US
 * companies have, the "Unapplied cash" ones the books create for themselves, and the home-office
 * and rental ones whose spelling the two sources disagree on. A type missing here answers 422
 * naming what is allowed, which is better than a job that fails in QuickBooks later.
 */
export const accountSubtypesByType: Record<AccountType, readonly string[]> = {
  bank: ['CashOnHand', 'Checking', 'MoneyMarket', 'RentsHeldInTrust', 'Savings', 'TrustAccounts'],
  accounts_receivable: ['AccountsReceivable'],
  other_current_asset: [
    'AllowanceForBadDebts', 'DevelopmentCosts', 'EmployeeCashAdvances', 'Inventory', 'Investment_MortgageRealEstateLoans',
    'Investment_Other', 'Investment_TaxExemptSecurities', 'Investment_USGovernmentObligations', 'LoansToOfficers',
    'LoansToOthers', 'LoansToStockholders', 'OtherCurrentAssets', 'PrepaidExpenses', 'Retainage', 'UndepositedFunds',
  ],
  fixed_asset: [
    'AccumulatedAmortization', 'AccumulatedDepletion', 'AccumulatedDepreciation', 'Buildings', 'DepletableAssets',
    'FixedAssetComputers', 'FixedAssetCopiers', 'FixedAssetFurniture', 'FixedAssetOtherToolsEquipment', 'FixedAssetPhone',
    'FixedAssetPhotoVideo', 'FixedAssetSoftware', 'FurnitureAndFixtures', 'IntangibleAssets', 'Land',
    'LeaseholdImprovements', 'MachineryAndEquipment', 'OtherFixedAssets', 'Vehicles',
  ],
  other_asset: [
    'AccumulatedAmortizationOfOtherAssets', 'Goodwill', 'LeaseBuyout', 'Licenses', 'OrganizationalCosts',
    'OtherLongTermAssets', 'SecurityDeposits',
  ],
  accounts_payable: ['AccountsPayable'],
  credit_card: ['CreditCard'],
  other_current_liability: [
    'DirectDepositPayable', 'FederalIncomeTaxPayable', 'GlobalTaxPayable', 'GlobalTaxSuspense', 'InsurancePayable',
    'LineOfCredit', 'LoanPayable', 'OtherCurrentLiabilities', 'PayrollClearing', 'PayrollTaxPayable',
    'PrepaidExpensesPayable', 'RentsInTrustLiability', 'SalesTaxPayable', 'StateLocalIncomeTaxPayable',
    'TrustAccountsLiabilities',
  ],
  long_term_liability: ['NotesPayable', 'OtherLongTermLiabilities', 'ShareholderNotesPayable'],
  equity: [
    'AccumulatedAdjustment', 'CommonStock', 'EstimatedTaxes', 'Healthcare', 'OpeningBalanceEquity', 'OwnersEquity',
    'PaidInCapitalOrSurplus', 'PartnerContributions', 'PartnerDistributions', 'PartnersEquity', 'PersonalExpense',
    'PersonalIncome', 'PreferredStock', 'RetainedEarnings', 'TreasuryStock',
  ],
  income: ['DiscountsRefundsGiven', 'NonProfitIncome', 'OtherPrimaryIncome', 'SalesOfProductIncome', 'ServiceFeeIncome'],
  cost_of_goods_sold: ['CostOfLaborCos', 'EquipmentRentalCos', 'OtherCostsOfServiceCos', 'ShippingFreightDeliveryCos', 'SuppliesMaterialsCogs'],
  expense: [
    'AdvertisingPromotional', 'Auto', 'BadDebts', 'BankCharges', 'CharitableContributions', 'CommissionsAndFees',
    'CostOfLabor', 'DuesSubscriptions', 'Entertainment', 'EntertainmentMeals', 'EquipmentRental', 'FinanceCosts',
    'GlobalTaxExpense', 'Insurance', 'InterestPaid', 'LegalProfessionalFees', 'OfficeGeneralAdministrativeExpenses',
    'OtherBusinessExpenses', 'OtherMiscellaneousServiceCost', 'PayrollExpenses', 'PromotionalMeals',
    'RentOrLeaseOfBuildings', 'RepairMaintenance', 'ShippingFreightDelivery', 'SuppliesMaterials', 'TaxesPaid', 'Travel',
    'TravelMeals', 'Utilities',
  ],
  other_income: ['DividendIncome', 'InterestEarned', 'OtherInvestmentIncome', 'OtherMiscellaneousIncome', 'TaxExemptInterest'],
  other_expense: [
    'Amortization', 'Depreciation', 'ExchangeGainOrLoss', 'GasAndFuel', 'HomeOffice', 'OtherHomeOfficeExpenses',
    'OtherMiscellaneousExpense', 'OtherVehicleExpenses', 'ParkingAndTolls', 'PenaltiesSettlements', 'Vehicle',
    'VehicleInsurance', 'VehicleLease', 'VehicleLoan', 'VehicleLoanInterest', 'VehicleRegistration', 'VehicleRepairs',
    'WashAndRoadServices',
  ],
};

// Marina systems write "Undeposited Funds" or "undeposited_funds" as often as "UndepositedFunds":
// spacing, case and underscores never tell two detail types apart, so they are ignored.
const keyOf = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');

const byKey = Object.fromEntries(
  Object.entries(accountSubtypesByType).map(([type, names]) => [type, new Map(names.map((n) => [keyOf(n), n]))]),
) as Record<AccountType, Map<string, string>>;

/** The detail type `text` names for an account of `type`, in its one spelling; undefined when it is not one of that type's. */
export function accountSubtypeOf(type: AccountType, text: string): string | undefined {
  return byKey[type].get(keyOf(text));
}
