@{
    RootModule           = 'AppStoreJws.dll'
    ModuleVersion        = '0.1.0'
    CompatiblePSEditions = @('Core')
    GUID                 = '5b0f5b8e-3f0c-4f57-9a43-2f7c4d1e9a61'
    Author               = 'AppStoreJws contributors'
    CompanyName          = 'AppStoreJws'
    Copyright            = '(c) AppStoreJws contributors. MIT License.'
    Description          = 'Creates the signed JWS strings Apple''s App Store requires from an app server: promotional offers, introductory offer eligibility and Advanced Commerce API in-app requests, signed ES256 with the App Store Connect private key (.p8).'
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
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags       = @('AppStore', 'StoreKit', 'JWS', 'JWT', 'ES256', 'PromotionalOffer', 'AdvancedCommerce', 'iOS', 'macOS', 'PSEdition_Core', 'Linux', 'MacOS', 'Windows')
            LicenseUri = 'https://github.com/appstorejws/AppStoreJws/blob/main/LICENSE'
            ProjectUri = 'https://github.com/appstorejws/AppStoreJws'
        }
    }
}
