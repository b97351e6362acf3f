# Send-AppStoreConsumptionInfo against tests/interop/server-api.mjs serving data signed by the test PKI: the v2 body bound from rows, -WhatIf and Apple's refusal.

BeforeAll {
    Import-Module $env:APPSTOREJWS_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    . (Join-Path $PSScriptRoot 'ServerApi.PkiTestSetup.ps1')
}

AfterAll {
    Stop-TestServerApi $server
}

Describe 'Send-AppStoreConsumptionInfo' {
    It 'PUTs the v2 body, bound from CSV rows' {
        $rows = "transactionId,customerConsented,deliveryStatus,sampleContentProvided,consumptionPercentage,refundPreference`n2000000000000050,true,delivered,false,25000,GRANT_PRORATED" | ConvertFrom-Csv
        $rows | ForEach-Object { $_.customerConsented = [bool]::Parse($_.customerConsented); $_.sampleContentProvided = [bool]::Parse($_.sampleContentProvided); $_ } |
            Send-AppStoreConsumptionInfo -Key $key -BaseUri $server.BaseUri -Confirm:$false
        $sent = Get-SentTo $server '/inApps/v2/transactions/consumption/2000000000000050'
        $sent | Should -HaveCount 1
        $sent[0].method | Should -Be 'PUT'
        $sent[0].body.customerConsented | Should -BeTrue
        $sent[0].body.deliveryStatus | Should -Be 'DELIVERED'
        $sent[0].body.sampleContentProvided | Should -BeFalse
        $sent[0].body.consumptionPercentage | Should -Be 25000
        $sent[0].body.refundPreference | Should -Be 'GRANT_PRORATED'
    }

    It 'leaves out what was not given' {
        Send-AppStoreConsumptionInfo -Key $key -BaseUri $server.BaseUri -TransactionId 2000000000000051 -CustomerConsented $true -DeliveryStatus UNDELIVERED_OTHER -SampleContentProvided $true -Confirm:$false
        $body = (Get-SentTo $server '/inApps/v2/transactions/consumption/2000000000000051')[0].body
        $body.PSObject.Properties.Name | Should -Be @('customerConsented', 'deliveryStatus', 'sampleContentProvided')
    }

    It '-WhatIf sends nothing' {
        Invoke-WithoutHost { Send-AppStoreConsumptionInfo -Key $key -BaseUri $uri -TransactionId 2000000000000052 -CustomerConsented $true -DeliveryStatus DELIVERED -SampleContentProvided $false -WhatIf } @{ key = $key; uri = $server.BaseUri } | Should -BeNullOrEmpty
        Get-SentTo $server '/inApps/v2/transactions/consumption/2000000000000052' | Should -HaveCount 0
    }

    It 'reports Apple''s refusal for that row and is not retried' {
        Send-AppStoreConsumptionInfo -Key $key -BaseUri $server.BaseUri -TransactionId 2000000000000053 -CustomerConsented $false -DeliveryStatus DELIVERED -SampleContentProvided $false -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'InvalidCustomerConsented,*'
        $failures[0].Exception.StatusCode | Should -Be 400
        Get-SentTo $server '/inApps/v2/transactions/consumption/2000000000000053' | Should -HaveCount 1
    }
}
