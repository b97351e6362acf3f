# Complete-AppStoreTransaction and the Retention Messaging image and message cmdlets against tests/interop/server-api.mjs
# (server-api-retention-content.mjs serves these endpoints as Apple documents them: review states, limits, errors).

BeforeAll {
    Import-Module $env:APPSTOREJWS_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'TestPng.psm1') -Force
    $script:pem = New-TestKeyPem
    $script:key = Get-AppStoreKey -Content $pem -KeyId 2X9R4HXF34 -IssuerId (Get-TestIssuerId) -BundleId com.example.app
    $script:server = Start-TestServerApi -PublicKeyPem $key.PublicKeyPem
    $script:api = @{ Key = $key; BaseUri = $server.BaseUri }
    $script:folder = New-TestFolder
    $script:fullSize = New-TestPngFile -LiteralPath (Join-Path $folder 'full [1].png') -Width 3840 -Height 160
    $script:bullet = New-TestPngFile -LiteralPath (Join-Path $folder 'bullet.png') -Width 120 -Height 120

    # The image, uploaded and listed twice, so the server's review has approved it.
    function New-ApprovedImage {
        param([string] $Path = $fullSize, [string] $ImageSize = 'FullSize')
        $id = [guid]::NewGuid()
        Set-AppStoreRetentionImage @api -ImageIdentifier $id -LiteralPath $Path -ImageSize $ImageSize -Confirm:$false
        $null = Get-AppStoreRetentionImage @api
        $null = Get-AppStoreRetentionImage @api
        $id
    }

    function Get-SentFor {
        param([string] $Path)
        @((Get-ServerRequests $server) | Where-Object path -EQ $Path)
    }
}

AfterAll {
    Stop-TestServerApi $server
    Remove-TestFolder $folder
}

Describe 'Complete-AppStoreTransaction' {
    It 'POSTs Finish Transaction with no body and writes nothing' {
        Complete-AppStoreTransaction @api -TransactionId 2000000000000301 -Confirm:$false | Should -BeNullOrEmpty
        $sent = Get-SentFor '/inApps/v1/transactions/2000000000000301/finish'
        $sent | Should -HaveCount 1
        $sent[0].method | Should -Be 'POST'
        $sent[0].bodyBase64 | Should -BeNullOrEmpty
        $sent[0].contentType | Should -BeNullOrEmpty
    }

    It 'takes rows by property name; a refused row is its own error and the others still run' {
        $rows = "transactionId`n2000000000000302`n2E+15`n2000000000004043`n2000000000000303" | ConvertFrom-Csv
        $rows | Complete-AppStoreTransaction @api -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures | Should -HaveCount 2
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'TransactionIdNotDigits,*'
        $failures[1].FullyQualifiedErrorId | Should -BeLike 'InvalidTransactionNotConsumable,*'
        $failures[1].TargetObject | Should -Be '2000000000004043'
        Get-SentFor '/inApps/v1/transactions/2000000000000302/finish' | Should -HaveCount 1
        Get-SentFor '/inApps/v1/transactions/2000000000000303/finish' | Should -HaveCount 1
    }

    It 'names Apple''s TransactionIdNotFound' {
        Complete-AppStoreTransaction @api -TransactionId 4040010 -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'TransactionIdNotFound,*'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It '-WhatIf sends nothing' {
        Invoke-WithoutHost { Complete-AppStoreTransaction @api -TransactionId 2000000000000304 -WhatIf } @{ api = $api } | Should -BeNullOrEmpty
        Get-SentFor '/inApps/v1/transactions/2000000000000304/finish' | Should -HaveCount 0
    }
}

Describe 'Set-AppStoreRetentionImage' {
    It 'PUTs the PNG''s bytes as image/png under the lowercase identifier, with imageSize as Apple''s client sends it' {
        $id = [guid]::NewGuid()
        Set-AppStoreRetentionImage @api -ImageIdentifier $id.ToString().ToUpperInvariant() -LiteralPath $fullSize -ImageSize FullSize -Confirm:$false
        $sent = Get-SentFor "/inApps/v1/messaging/image/$($id.ToString('D'))"
        $sent | Should -HaveCount 1
        $sent[0].method | Should -Be 'PUT'
        $sent[0].contentType | Should -BeExactly 'image/png'
        (Get-QueryText $sent[0]) | Should -Be @('imageSize=FULL_SIZE')
        $sent[0].bodyBase64 | Should -BeExactly ([Convert]::ToBase64String([IO.File]::ReadAllBytes($fullSize)))
    }

    It 'sends no imageSize when none is given, and accepts Apple''s spelling BULLET_POINT' {
        $plain = [guid]::NewGuid(); $small = [guid]::NewGuid()
        Set-AppStoreRetentionImage @api -ImageIdentifier $plain -LiteralPath $fullSize -Confirm:$false
        Set-AppStoreRetentionImage @api -ImageIdentifier $small -LiteralPath $bullet -ImageSize BULLET_POINT -Confirm:$false
        (Get-SentFor "/inApps/v1/messaging/image/$plain")[0].query | Should -BeNullOrEmpty
        (Get-QueryText (Get-SentFor "/inApps/v1/messaging/image/$small")[0]) | Should -Be @('imageSize=BULLET_POINT')
    }

    It 'binds rows (imageIdentifier, path, imageSize) by property name' {
        $ids = [guid]::NewGuid(), [guid]::NewGuid()
        @([pscustomobject]@{ imageIdentifier = $ids[0]; LiteralPath = $fullSize; imageSize = 'FullSize' }, [pscustomobject]@{ imageIdentifier = $ids[1]; LiteralPath = $bullet; imageSize = 'BulletPoint' }) |
            Set-AppStoreRetentionImage @api -Confirm:$false
        foreach ($id in $ids) { Get-SentFor "/inApps/v1/messaging/image/$id" | Should -HaveCount 1 }
    }

    It 'refuses <Damage> before sending anything (RetentionImageNotPng)' -ForEach @(
        @{ Damage = 'Signature' }, @{ Damage = 'Crc' }, @{ Damage = 'Truncated' }, @{ Damage = 'Trailing' }
    ) {
        $file = New-TestPngFile -LiteralPath (Join-Path $folder "bad-$Damage.png") -Width 3840 -Height 160 -Damage $Damage
        $id = [guid]::NewGuid()
        Set-AppStoreRetentionImage @api -ImageIdentifier $id -LiteralPath $file -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'RetentionImageNotPng,*'
        $failures[0].Exception.Message | Should -Match 'nothing was sent'
        Get-SentFor "/inApps/v1/messaging/image/$id" | Should -HaveCount 0
    }

    It 'refuses a full-size image of <Width> x <Height> (RetentionImageSizeRefused), sending nothing' -ForEach @(
        @{ Width = 1920; Height = 1080 }, @{ Width = 3840; Height = 159 }, @{ Width = 3840; Height = 2161 }
    ) {
        $file = New-TestPngFile -LiteralPath (Join-Path $folder "size-$Width-$Height.png") -Width $Width -Height $Height
        $id = [guid]::NewGuid()
        Set-AppStoreRetentionImage @api -ImageIdentifier $id -LiteralPath $file -ImageSize FullSize -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'RetentionImageSizeRefused,*'
        $failures[0].Exception.Message | Should -Match "$Width × $Height"
        Get-SentFor "/inApps/v1/messaging/image/$id" | Should -HaveCount 0
    }

    It 'takes the largest full-size image, 3840 x 2160' {
        $file = New-TestPngFile -LiteralPath (Join-Path $folder 'largest.png') -Width 3840 -Height 2160
        $id = [guid]::NewGuid()
        Set-AppStoreRetentionImage @api -ImageIdentifier $id -LiteralPath $file -Confirm:$false
        Get-SentFor "/inApps/v1/messaging/image/$id" | Should -HaveCount 1
    }

    It 'warns that an image with an alpha channel may be refused, and sends it' {
        $file = New-TestPngFile -LiteralPath (Join-Path $folder 'alpha.png') -Width 3840 -Height 160 -Alpha
        $id = [guid]::NewGuid()
        Set-AppStoreRetentionImage @api -ImageIdentifier $id -LiteralPath $file -Confirm:$false -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings | Should -HaveCount 1
        "$($warnings[0])" | Should -Match 'transparency'
        Get-SentFor "/inApps/v1/messaging/image/$id" | Should -HaveCount 1
    }

    It 'names a -Path that matches nothing (RetentionImageNotFound)' {
        Set-AppStoreRetentionImage @api -ImageIdentifier ([guid]::NewGuid()) -Path (Join-Path $folder 'missing*.png') -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'RetentionImageNotFound,*'
    }

    It 'names a folder given as the image (RetentionImageNotFound), sending nothing' {
        $id = [guid]::NewGuid()
        Set-AppStoreRetentionImage @api -ImageIdentifier $id -LiteralPath $folder -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'RetentionImageNotFound,*'
        Get-SentFor "/inApps/v1/messaging/image/$id" | Should -HaveCount 0
    }

    It 'names Apple''s ImageAlreadyExists for an identifier used before' {
        $id = [guid]::NewGuid()
        Set-AppStoreRetentionImage @api -ImageIdentifier $id -LiteralPath $fullSize -Confirm:$false
        Set-AppStoreRetentionImage @api -ImageIdentifier $id -LiteralPath $fullSize -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'ImageAlreadyExists,*'
        $failures[0].TargetObject | Should -Be $id
    }

    It '-WhatIf sends nothing' {
        $id = [guid]::NewGuid()
        Invoke-WithoutHost { Set-AppStoreRetentionImage @api -ImageIdentifier $id -LiteralPath $fullSize -WhatIf } @{ api = $api; id = $id; fullSize = $fullSize } | Should -BeNullOrEmpty
        Get-SentFor "/inApps/v1/messaging/image/$id" | Should -HaveCount 0
    }
}

Describe 'Get-AppStoreRetentionImage and Remove-AppStoreRetentionImage' {
    It 'lists each image with its state: PENDING_REVIEW, then APPROVED or REJECTED' {
        $good = [guid]::NewGuid()
        $bad = [guid]('{0}-ffffffffffff' -f ([guid]::NewGuid().ToString('D').Substring(0, 23)))
        Set-AppStoreRetentionImage @api -ImageIdentifier $good -LiteralPath $fullSize -Confirm:$false
        Set-AppStoreRetentionImage @api -ImageIdentifier $bad -LiteralPath $bullet -ImageSize BulletPoint -Confirm:$false
        $first = Get-AppStoreRetentionImage @api
        ($first | Where-Object imageIdentifier -EQ $good.ToString()).imageState | Should -Be 'PENDING_REVIEW'
        $second = Get-AppStoreRetentionImage @api
        ($second | Where-Object imageIdentifier -EQ $good.ToString()).imageState | Should -Be 'APPROVED'
        ($second | Where-Object imageIdentifier -EQ $bad.ToString()).imageState | Should -Be 'REJECTED'
        ($second | Where-Object imageIdentifier -EQ $bad.ToString()).imageSize | Should -Be 'BULLET_POINT'
        $second[0].PSObject.TypeNames[0] | Should -Be 'AppStoreJws.ServerApi.RetentionImage'
    }

    It 'shows images as a table of identifier, state and size' {
        $text = Get-AppStoreRetentionImage @api | Select-Object -First 1 | Out-String
        $text | Should -Match 'imageIdentifier\s+imageState\s+imageSize'
    }

    It 'deletes an image (DELETE, lowercase identifier) from rows piped from the list' {
        $id = [guid]::NewGuid()
        Set-AppStoreRetentionImage @api -ImageIdentifier $id -LiteralPath $fullSize -Confirm:$false
        Get-AppStoreRetentionImage @api | Where-Object imageIdentifier -EQ $id.ToString() | Remove-AppStoreRetentionImage @api -Confirm:$false
        $sent = @(Get-SentFor "/inApps/v1/messaging/image/$id" | Where-Object method -EQ 'DELETE')
        $sent | Should -HaveCount 1
        Get-AppStoreRetentionImage @api | Where-Object imageIdentifier -EQ $id.ToString() | Should -BeNullOrEmpty
    }

    It 'names Apple''s ImageNotFound and ImageInUse' {
        Remove-AppStoreRetentionImage @api -ImageIdentifier ([guid]::NewGuid()) -Confirm:$false -ErrorVariable missing -ErrorAction SilentlyContinue
        $missing[0].FullyQualifiedErrorId | Should -BeLike 'ImageNotFound,*'
        $image = New-ApprovedImage
        Set-AppStoreRetentionMessage @api -MessageIdentifier ([guid]::NewGuid()) -Header 'Stay' -Body 'Half price' -ImageIdentifier $image -AltText 'A gift' -Confirm:$false
        Remove-AppStoreRetentionImage @api -ImageIdentifier $image -Confirm:$false -ErrorVariable inUse -ErrorAction SilentlyContinue
        $inUse[0].FullyQualifiedErrorId | Should -BeLike 'ImageInUse,*'
        $inUse[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
    }

    It 'Remove-* ask first: ConfirmImpact High; -WhatIf sends nothing' {
        foreach ($name in 'Remove-AppStoreRetentionImage', 'Remove-AppStoreRetentionMessage') {
            (Get-Command $name).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be 'High'
        }
        $id = [guid]::NewGuid()
        Invoke-WithoutHost { Remove-AppStoreRetentionImage @api -ImageIdentifier $id -WhatIf; Remove-AppStoreRetentionMessage @api -MessageIdentifier $id -WhatIf } @{ api = $api; id = $id } | Should -BeNullOrEmpty
        Get-SentFor "/inApps/v1/messaging/image/$id" | Should -HaveCount 0
        Get-SentFor "/inApps/v1/messaging/message/$id" | Should -HaveCount 0
    }

    It 'names Apple''s MaximumNumberOfImagesReached when the app has all its images' {
        $limited = Start-TestServerApi -PublicKeyPem $key.PublicKeyPem -Retention @{ maximumImages = 1; maximumMessages = 1 }
        try {
            Set-AppStoreRetentionImage -Key $key -BaseUri $limited.BaseUri -ImageIdentifier ([guid]::NewGuid()) -LiteralPath $fullSize -Confirm:$false
            Set-AppStoreRetentionImage -Key $key -BaseUri $limited.BaseUri -ImageIdentifier ([guid]::NewGuid()) -LiteralPath $fullSize -Confirm:$false -ErrorVariable full -ErrorAction SilentlyContinue
            $full[0].FullyQualifiedErrorId | Should -BeLike 'MaximumNumberOfImagesReached,*'
            Set-AppStoreRetentionMessage -Key $key -BaseUri $limited.BaseUri -MessageIdentifier ([guid]::NewGuid()) -Header h -Body b -Confirm:$false
            Set-AppStoreRetentionMessage -Key $key -BaseUri $limited.BaseUri -MessageIdentifier ([guid]::NewGuid()) -Header h -Body b -Confirm:$false -ErrorVariable fullMessages -ErrorAction SilentlyContinue
            $fullMessages[0].FullyQualifiedErrorId | Should -BeLike 'MaximumNumberOfMessagesReached,*'
        }
        finally { Stop-TestServerApi $limited }
    }
}

Describe 'Set-AppStoreRetentionMessage' {
    It 'PUTs Apple''s UploadMessageRequestBody: header, body, image, headerPosition, bulletPoints, identifiers in lowercase' {
        $image = New-ApprovedImage
        $icon = New-ApprovedImage -Path $bullet -ImageSize BulletPoint
        $id = [guid]::NewGuid()
        Set-AppStoreRetentionMessage @api -MessageIdentifier $id.ToString().ToUpperInvariant() -Header 'Before you go' -Body 'Keep your streak for half the price.' `
            -ImageIdentifier $image.ToString().ToUpperInvariant() -AltText 'A flame' -HeaderPosition AboveImage `
            -BulletPoint @{ text = 'Offline lessons'; imageIdentifier = $icon.ToString().ToUpperInvariant(); altText = 'A cloud' } -Confirm:$false
        $sent = Get-SentFor "/inApps/v1/messaging/message/$id"
        $sent | Should -HaveCount 1
        $sent[0].contentType | Should -BeExactly 'application/json'
        [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($sent[0].bodyBase64)) | Should -BeExactly (
            '{"header":"Before you go","body":"Keep your streak for half the price.","image":{"imageIdentifier":"' + $image + '","altText":"A flame"},' +
            '"headerPosition":"ABOVE_IMAGE","bulletPoints":[{"text":"Offline lessons","imageIdentifier":"' + $icon + '","altText":"A cloud"}]}')
    }

    It 'uploads the rows of a CSV (empty cells mean none), each message its own request' {
        $ids = [guid]::NewGuid(), [guid]::NewGuid()
        $csv = "messageIdentifier,header,body,imageIdentifier,altText,headerPosition`n$($ids[0]),Stay with us,Half price for three months,,,`n$($ids[1]),Wait,Try the yearly plan,,,ABOVE_BODY"
        $csv | ConvertFrom-Csv | Set-AppStoreRetentionMessage @api -Confirm:$false
        (Get-SentFor "/inApps/v1/messaging/message/$($ids[0])")[0].body | ConvertTo-Json -Compress | Should -Be '{"header":"Stay with us","body":"Half price for three months"}'
        (Get-SentFor "/inApps/v1/messaging/message/$($ids[1])")[0].body.headerPosition | Should -Be 'ABOVE_BODY'
    }

    It 'names every problem in one error, sends nothing, and still uploads the next row' {
        $bad = [guid]::NewGuid(); $good = [guid]::NewGuid()
        $rows = @(
            [pscustomobject]@{ messageIdentifier = $bad; header = 'h' * 67; body = 'b' * 145; altText = 'orphan'; headerPosition = 'AboveImage'; bulletPoint = @(@{ text = 't' * 67; imageIdentifier = 'not-a-uuid'; altText = 'a' * 151 }) }
            [pscustomobject]@{ messageIdentifier = $good; header = 'Fine'; body = 'Also fine' }
        )
        $rows | Set-AppStoreRetentionMessage @api -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'InvalidRetentionMessage,*'
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $message = $failures[0].Exception.Message
        foreach ($expected in 'HEADER_TOO_LONG', 'BODY_TOO_LONG', 'without an image', 'ABOVE_IMAGE needs an image', 'not a UUID', 'BAD_REQUEST_BULLET_POINT_TEXT_TOO_LONG', 'ALT_TEXT_TOO_LONG', '67 characters', '145 characters', '151 characters') {
            $message | Should -Match ([regex]::Escape($expected))
        }
        $message | Should -Match 'breaks 7 of Apple'
        Get-SentFor "/inApps/v1/messaging/message/$bad" | Should -HaveCount 0
        Get-SentFor "/inApps/v1/messaging/message/$good" | Should -HaveCount 1
    }

    It 'counts characters as Apple does: 66 emoji are a header of 66' {
        $id = [guid]::NewGuid()
        Set-AppStoreRetentionMessage @api -MessageIdentifier $id -Header ([char]::ConvertFromUtf32(0x1F525) * 66) -Body 'b' -Confirm:$false
        Get-SentFor "/inApps/v1/messaging/message/$id" | Should -HaveCount 1
    }

    It 'refuses an image without alternative text, and a bullet point without an image' {
        Set-AppStoreRetentionMessage @api -MessageIdentifier ([guid]::NewGuid()) -Header h -Body b -ImageIdentifier ([guid]::NewGuid()) -BulletPoint @{ text = 't'; altText = 'a' } -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].Exception.Message | Should -Match 'needs its alternative text'
        $failures[0].Exception.Message | Should -Match 'bullet point 1 has no imageIdentifier'
    }

    It 'names Apple''s ImageNotApproved, ImageNotFound and MessageAlreadyExists' {
        $pending = [guid]::NewGuid()
        Set-AppStoreRetentionImage @api -ImageIdentifier $pending -LiteralPath $fullSize -Confirm:$false
        Set-AppStoreRetentionMessage @api -MessageIdentifier ([guid]::NewGuid()) -Header h -Body b -ImageIdentifier $pending -AltText a -Confirm:$false -ErrorVariable notApproved -ErrorAction SilentlyContinue
        $notApproved[0].FullyQualifiedErrorId | Should -BeLike 'ImageNotApproved,*'
        Set-AppStoreRetentionMessage @api -MessageIdentifier ([guid]::NewGuid()) -Header h -Body b -ImageIdentifier ([guid]::NewGuid()) -AltText a -Confirm:$false -ErrorVariable notFound -ErrorAction SilentlyContinue
        $notFound[0].FullyQualifiedErrorId | Should -BeLike 'ImageNotFound,*'
        $id = [guid]::NewGuid()
        Set-AppStoreRetentionMessage @api -MessageIdentifier $id -Header h -Body b -Confirm:$false
        Set-AppStoreRetentionMessage @api -MessageIdentifier $id -Header h -Body b -Confirm:$false -ErrorVariable exists -ErrorAction SilentlyContinue
        $exists[0].FullyQualifiedErrorId | Should -BeLike 'MessageAlreadyExists,*'
        $exists[0].CategoryInfo.Category | Should -Be 'ResourceExists'
    }

    It 'the test server answers Apple''s length errors by name when a request gets past the checks (Invoke-AppStoreServerApi)' {
        foreach ($case in @(
                @{ Body = @{ header = 'h' * 67; body = 'b' }; Id = 'HeaderTooLong' }
                @{ Body = @{ header = 'h'; body = 'b' * 145 }; Id = 'BodyTooLong' }
                @{ Body = @{ header = 'h'; body = 'b'; image = @{ imageIdentifier = [guid]::NewGuid().ToString(); altText = 'a' * 151 } }; Id = 'AltTextTooLong' }
                @{ Body = @{ header = 'h'; body = 'b'; headerPosition = 'ABOVE_IMAGE' }; Id = 'BadRequestAboveImageRequiresAnImage' }
                @{ Body = @{ header = 'h'; body = 'b'; bulletPoints = @(1..6 | ForEach-Object { @{ text = 't'; imageIdentifier = [guid]::NewGuid().ToString(); altText = 'a' } }) }; Id = 'BadRequestTooManyBulletPoints' }
            )) {
            Invoke-AppStoreServerApi PUT "/inApps/v1/messaging/message/$([guid]::NewGuid())" @api -Body $case.Body -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures[0].FullyQualifiedErrorId | Should -BeLike "$($case.Id),*"
        }
    }

    It '-WhatIf sends nothing' {
        $id = [guid]::NewGuid()
        Invoke-WithoutHost { Set-AppStoreRetentionMessage @api -MessageIdentifier $id -Header h -Body b -WhatIf } @{ api = $api; id = $id } | Should -BeNullOrEmpty
        Get-SentFor "/inApps/v1/messaging/message/$id" | Should -HaveCount 0
    }
}

Describe 'Get-AppStoreRetentionMessage and Remove-AppStoreRetentionMessage' {
    It 'lists each message with its state, as a table, and deletes one piped from the list' {
        $id = [guid]::NewGuid()
        Set-AppStoreRetentionMessage @api -MessageIdentifier $id -Header 'Stay' -Body 'Please' -Confirm:$false
        (Get-AppStoreRetentionMessage @api | Where-Object messageIdentifier -EQ $id.ToString()).messageState | Should -Be 'PENDING_REVIEW'
        $listed = Get-AppStoreRetentionMessage @api | Where-Object messageIdentifier -EQ $id.ToString()
        $listed.messageState | Should -Be 'APPROVED'
        $listed.PSObject.TypeNames[0] | Should -Be 'AppStoreJws.ServerApi.RetentionMessage'
        ($listed | Out-String) | Should -Match 'messageIdentifier\s+messageState'
        $listed | Remove-AppStoreRetentionMessage @api -Confirm:$false
        Get-AppStoreRetentionMessage @api | Where-Object messageIdentifier -EQ $id.ToString() | Should -BeNullOrEmpty
        Remove-AppStoreRetentionMessage @api -MessageIdentifier $id -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'MessageNotFound,*'
    }
}

Describe 'Invoke-AppStoreServerApi -InFile' {
    It 'sends a file''s bytes with its content type (image/png for .png by default)' {
        $id = [guid]::NewGuid()
        Invoke-AppStoreServerApi PUT "/inApps/v1/messaging/image/$id" @api -InFile $fullSize -Query @{ imageSize = 'FULL_SIZE' } -Confirm:$false
        $sent = Get-SentFor "/inApps/v1/messaging/image/$id"
        $sent[0].contentType | Should -BeExactly 'image/png'
        $sent[0].bodyBase64 | Should -BeExactly ([Convert]::ToBase64String([IO.File]::ReadAllBytes($fullSize)))
    }

    It 'uses -ContentType when given; the test server then refuses the image (Apple''s InvalidImage)' {
        $id = [guid]::NewGuid()
        Invoke-AppStoreServerApi PUT "/inApps/v1/messaging/image/$id" @api -InFile $fullSize -ContentType 'application/octet-stream' -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue
        (Get-SentFor "/inApps/v1/messaging/image/$id")[0].contentType | Should -BeExactly 'application/octet-stream'
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'InvalidImage,*'
    }

    It 'names a file it cannot read (InvalidInFile) and a bad -ContentType (InvalidContentType), sending nothing' {
        $before = @(Get-ServerRequests $server).Count
        Invoke-AppStoreServerApi PUT /inApps/v1/messaging/image/x @api -InFile (Join-Path $folder 'none.png') -Confirm:$false -ErrorVariable missing -ErrorAction SilentlyContinue
        $missing[0].FullyQualifiedErrorId | Should -BeLike 'InvalidInFile,*'
        Invoke-AppStoreServerApi PUT /inApps/v1/messaging/image/x @api -InFile $fullSize -ContentType 'not a type' -Confirm:$false -ErrorVariable badType -ErrorAction SilentlyContinue
        $badType[0].FullyQualifiedErrorId | Should -BeLike 'InvalidContentType,*'
        @(Get-ServerRequests $server).Count | Should -Be $before
    }

    It '-InFile and -Body cannot be given together' {
        { Invoke-AppStoreServerApi PUT /x @api -InFile $fullSize -Body @{} -WhatIf } | Should -Throw -ErrorId 'AmbiguousParameterSet*'
    }
}
