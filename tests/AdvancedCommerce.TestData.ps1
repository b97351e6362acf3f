# Test data for NewAdvancedCommerceJws.Tests.ps1 and NewAdvancedCommerceRequest.Tests.ps1, dot-sourced by their discovery (the -ForEach tables) and their run.

$script:specExample = '{"operation":"CREATE_ONE_TIME_CHARGE","version":"1","requestInfo":{"requestReferenceId":"f55df048-4cd8-4261-b404-b6f813ff70e5"},"currency":"USD","taxCode":"C003-00-2","storefront":"USA","item":{"SKU":"BOOK_123","displayName":"A book","description":"An e-book","price":4990}}'

function New-SubscriptionRequest {
    # Nested five levels deep: items[] -> offer -> fields. ConvertTo-Json's default depth (2) would truncate it.
    [ordered]@{
        operation   = 'CREATE_SUBSCRIPTION'
        currency    = 'EUR'
        taxCode     = 'C003-00-2'
        period      = 'P1M'
        descriptors = [ordered]@{ displayName = 'Premium'; description = 'All features' }
        items       = @(
            [pscustomobject]@{ SKU = 'PREMIUM_M'; displayName = 'Premium'; description = 'Monthly'; price = 9990
                offer = [pscustomobject]@{ period = 'P1W'; periodCount = 2; price = 0; reason = 'ACQUISITION' } }
        )
    }
}
