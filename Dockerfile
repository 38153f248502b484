# KnowledgePortal: the portal and the `kp` command line in one image.
#   docker compose up            (see docker-compose.yml)
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish Portal/Portal.csproj -c Release -o /out/portal -p:PublishReadyToRun=true \
 && dotnet publish Ingestion/Ingestion.csproj -c Release -o /out/kp -p:PublishReadyToRun=true

FROM mcr.microsoft.com/dotnet/aspnet:10.0
# OCR of scanned PDFs; add tesseract-ocr-LANG packages for KnowledgePortal__Ocr__Languages beyond English.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends tesseract-ocr tesseract-ocr-eng poppler-utils \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /out/portal /app/portal
COPY --from=build /out/kp /app/kp
RUN printf '#!/bin/sh\nexec dotnet /app/kp/kp.dll "$@"\n' > /usr/local/bin/kp && chmod +x /usr/local/bin/kp
ENV ASPNETCORE_URLS=http://+:8080 \
    KnowledgePortal__DataDir=/data
VOLUME /data
EXPOSE 8080
WORKDIR /app/portal
ENTRYPOINT ["dotnet", "/app/portal/KnowledgePortal.Portal.dll"]
