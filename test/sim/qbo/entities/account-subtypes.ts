/**
 * Which AccountSubType belongs to which AccountType (US companies). Every name is one of the
 * values of AccountSubTypeEnum in intuit/QuickBooks-V3-Java-SDK
 * (ipp-v3-java-data/src/main/xsd/Finance.xsd), which lists the values but not their types. The
 * grouping follows the "Account classification" table of Intuit's Account page
 * (developer.intuit.com/app/developer/qbo/docs/api/accounting/all-entities/account); the asset
 * groups match LedgerSync/ledger_sync's QuickBooksOnline account mapping. Non-US-only subtypes are
 * left out; a subtype of another type is refused.
 */
export const SUBTYPES_BY_TYPE: Record<string, readonly string[]> = {
  Bank: ['CashOnHand', 'Checking', 'MoneyMarket', 'RentsHeldInTrust', 'Savings', 'TrustAccounts'],
  'Accounts Receivable': ['AccountsReceivable'],
  'Other Current Asset': [
    'AllowanceForBadDebts', 'DevelopmentCosts', 'EmployeeCashAdvances', 'OtherCurrentAssets', 'Inventory',
    'Investment_MortgageRealEstateLoans', 'Investment_Other', 'Investment_TaxExemptSecurities',
    'Investment_USGovernmentObligations', 'LoansToOfficers', 'LoansToOthers', 'LoansToStockholders',
    'PrepaidExpenses', 'Retainage', 'UndepositedFunds',
  ],
  'Fixed Asset': [
    'AccumulatedDepletion', 'AccumulatedDepreciation', 'DepletableAssets', 'FixedAssetComputers', 'FixedAssetCopiers',
    'FixedAssetFurniture', 'FixedAssetPhone', 'FixedAssetPhotoVideo', 'FixedAssetSoftware', 'FixedAssetOtherToolsEquipment',
    'FurnitureAndFixtures', 'Land', 'LeaseholdImprovements', 'OtherFixedAssets', 'AccumulatedAmortization', 'Buildings',
    'IntangibleAssets', 'MachineryAndEquipment', 'Vehicles',
  ],
  'Other Asset': [
    'LeaseBuyout', 'OtherLongTermAssets', 'SecurityDeposits', 'AccumulatedAmortizationOfOtherAssets', 'Goodwill',
    'Licenses', 'OrganizationalCosts',
  ],
  'Accounts Payable': ['AccountsPayable'],
  'Credit Card': ['CreditCard'],
  'Other Current Liability': [
    'DirectDepositPayable', 'LineOfCredit', 'LoanPayable', 'GlobalTaxPayable', 'GlobalTaxSuspense',
    'OtherCurrentLiabilities', 'PayrollClearing', 'PayrollTaxPayable', 'PrepaidExpensesPayable', 'RentsInTrustLiability',
    'TrustAccountsLiabilities', 'FederalIncomeTaxPayable', 'InsurancePayable', 'SalesTaxPayable', 'StateLocalIncomeTaxPayable',
  ],
  'Long Term Liability': ['NotesPayable', 'OtherLongTermLiabilities', 'ShareholderNotesPayable'],
  Equity: [
    'OpeningBalanceEquity', 'PartnersEquity', 'RetainedEarnings', 'AccumulatedAdjustment', 'OwnersEquity', 'PaidInCapitalOrSurplus',
    'PartnerContributions', 'PartnerDistributions', 'PreferredStock', 'CommonStock', 'TreasuryStock', 'EstimatedTaxes',
    'Healthcare', 'PersonalIncome', 'PersonalExpense',
  ],
  Income: [
    'NonProfitIncome', 'OtherPrimaryIncome', 'SalesOfProductIncome', 'ServiceFeeIncome', 'DiscountsRefundsGiven',
    'UnappliedCashPaymentIncome',
  ],
  'Other Income': ['DividendIncome', 'InterestEarned', 'OtherInvestmentIncome', 'OtherMiscellaneousIncome', 'TaxExemptInterest'],
  'Cost of Goods Sold': [
    'EquipmentRentalCos', 'OtherCostsOfServiceCos', 'ShippingFreightDeliveryCos', 'SuppliesMaterialsCogs', 'CostOfLaborCos',
  ],
  Expense: [
    'AdvertisingPromotional', 'BadDebts', 'BankCharges', 'CharitableContributions', 'CommissionsAndFees', 'Entertainment',
    'EntertainmentMeals', 'EquipmentRental', 'FinanceCosts', 'GlobalTaxExpense', 'Insurance', 'InterestPaid',
    'LegalProfessionalFees', 'OfficeGeneralAdministrativeExpenses', 'OtherBusinessExpenses',
    'OtherMiscellaneousServiceCost', 'PromotionalMeals', 'RentOrLeaseOfBuildings', 'RepairMaintenance', 'ShippingFreightDelivery',
    'SuppliesMaterials', 'Travel', 'TravelMeals', 'Utilities', 'Auto', 'CostOfLabor', 'DuesSubscriptions', 'PayrollExpenses',
    'TaxesPaid', 'UnappliedCashBillPaymentExpense',
  ],
  'Other Expense': [
    'Depreciation', 'ExchangeGainOrLoss', 'OtherMiscellaneousExpense', 'PenaltiesSettlements', 'Amortization', 'GasAndFuel',
    'HomeOffice', 'OtherHomeOfficeExpenses', 'ParkingAndTolls', 'Vehicle', 'VehicleInsurance', 'VehicleLease', 'VehicleLoanInterest',
    'VehicleLoan', 'VehicleRegistration', 'VehicleRepairs', 'OtherVehicleExpenses', 'WashAndRoadServices',
  ],
};

/** The AccountType a subtype implies when a client sends only AccountSubType (reference §4.8). */
export function typeOfSubType(subType: string): string | undefined {
  return Object.keys(SUBTYPES_BY_TYPE).find((type) => SUBTYPES_BY_TYPE[type].includes(subType));
}
