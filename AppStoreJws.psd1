@{
    RootModule           = 'AppStoreJws.dll'
    ModuleVersion        = '0.1.0'
    CompatiblePSEditions = @('Core')
    GUID                 = '5b0f5b8e-3f0c-4f57-9a43-2f7c4d1e9a61'
    Author               = 'AppStoreJws contributors'
    CompanyName          = 'AppStoreJws'
    Copyright            = '(c) AppStoreJws contributors. MIT License.'
    Description          = 'Works with Apple''s App Store from an app server, in PowerShell. Signs what StoreKit and Apple''s APIs ask for with the App Store Connect private key (.p8): promotional offer, introductory offer eligibility and Advanced Commerce in-app JWS, the legacy promotional offer signature, and App Store Server API and App Store Connect API bearer tokens, in bulk from CSV rows. Verifies what Apple signs (transactions, renewal info, App Store Server Notifications V2, app transactions: chain to Apple Root CA - G3, signature, OIDs, revocation) and calls the App Store Server API (transaction history, subscription status, refunds, notifications, renewal date extensions, consumption info) with retries and paging. Checks tokens against Apple''s rules to explain a refusal.'
    PowerShellVersion    = '7.6'
    # The types file names a class of the module's own assembly, which must be loaded before the file is read.
    RequiredAssemblies   = @('AppStoreJws.dll')
    TypesToProcess       = @('AppStoreJws.types.ps1xml')
    FormatsToProcess     = @('AppStoreJws.format.ps1xml')
    CmdletsToExport      = @(
        'Get-AppStoreKey'
        'New-PromotionalOfferJws'
        'New-IntroEligibilityJws'
        'New-AdvancedCommerceJws'
        'New-AdvancedCommerceRequest'
        'New-AppStoreTestKey'
        'ConvertFrom-AppStoreJws'
        'ConvertFrom-AppStoreReceipt'
        'New-PromotionalOfferSignature'
        'New-AppStoreServerApiToken'
        'New-AppStoreConnectApiToken'
        'Test-AppStoreJws'
        'Test-PromotionalOfferSignature'
        'ConvertFrom-AppStoreSignedData'
        'Test-AppStoreSignedData'
        'Invoke-AppStoreServerApi'
        'Set-AppStoreAppAccountToken'
        'Update-AppStoreSubscriptionRenewalDate'
        'Get-AppStoreRenewalExtensionStatus'
        'Send-AppStoreTestNotification'
        'Get-AppStoreTransaction'
        'Get-AppStoreTransactionHistory'
        'Get-AppStoreRefundHistory'
        'Get-AppStoreNotificationHistory'
        'Get-AppStoreSubscriptionStatus'
        'Get-AppStoreOrder'
        'Get-AppStoreAppTransaction'
        'Get-AppStoreTestNotificationStatus'
        'Send-AppStoreConsumptionInfo'
        'New-AppStoreRetentionResponse'
        'Set-AppStoreRetentionDefaultMessage'
        'Get-AppStoreRetentionDefaultMessage'
        'Remove-AppStoreRetentionDefaultMessage'
        'Set-AppStoreRetentionRealtimeUrl'
        'Get-AppStoreRetentionRealtimeUrl'
        'Remove-AppStoreRetentionRealtimeUrl'
        'Start-AppStoreRetentionPerformanceTest'
        'Get-AppStoreRetentionPerformanceTestResult'
        'Complete-AppStoreTransaction'
        'Set-AppStoreRetentionImage'
        'Get-AppStoreRetentionImage'
        'Remove-AppStoreRetentionImage'
        'Set-AppStoreRetentionMessage'
        'Get-AppStoreRetentionMessage'
        'Remove-AppStoreRetentionMessage'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags       = @('AppStore', 'StoreKit', 'AppStoreServerAPI', 'AppStoreConnect', 'InAppPurchase', 'Subscriptions', 'ServerNotifications', 'JWS', 'JWT', 'ES256', 'PromotionalOffer', 'AdvancedCommerce', 'iOS', 'PSEdition_Core', 'Linux', 'MacOS', 'Windows')
            # Filled at build time from the section of this version in CHANGELOG.md (or its Unreleased section).
            ReleaseNotes = ''
            LicenseUri = 'https://github.com/appstorejws/AppStoreJws/blob/main/LICENSE'
            ProjectUri = 'https://github.com/appstorejws/AppStoreJws'
        }
    }
}
