import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { getSignedUrl } from '@aws-sdk/s3-request-presigner'
import { Redis } from 'ioredis'
import { RoomServiceClient } from 'livekit-server-sdk'
import pg from 'pg'
import { describe, expect, test } from 'vitest'
import { useServices } from '../../support/services.ts'

const services = useServices()

describe('services started by the global setup', () => {
  test('PostgreSQL 18 answers on the database URL', async () => {
    const client = new pg.Client({ connectionString: services.databaseUrl })
    await client.connect()
    const { rows } = await client.query<{ version: string; database: string }>('select version(), current_database() as database')
    await client.end()
    expect(rows[0].version).toMatch(/^PostgreSQL 18\./)
    expect(rows[0].database).toBe('livekit_conference')
  })

  test('Redis answers PING, SET and GET', async () => {
    const redis = new Redis(services.redisUrl)
    expect(await redis.ping()).toBe('PONG')
    await redis.set('native:greeting', 'hello')
    expect(await redis.get('native:greeting')).toBe('hello')
    await redis.quit()
  })

  test('MiniStack stores and returns S3 objects, also through a presigned GET', async () => {
    const s3 = new S3Client({
      endpoint: services.s3Endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    })
    await s3.send(new CreateBucketCommand({ Bucket: 'native-check' }))
    await s3.send(new PutObjectCommand({ Bucket: 'native-check', Key: 'notes/hello.txt', Body: 'hello s3' }))
    const object = await s3.send(new GetObjectCommand({ Bucket: 'native-check', Key: 'notes/hello.txt' }))
    expect(await object.Body?.transformToString()).toBe('hello s3')

    const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: 'native-check', Key: 'notes/hello.txt' }))
    const download = await fetch(url)
    expect(download.status).toBe(200)
    expect(await download.text()).toBe('hello s3')
  })

  test('LiveKit creates and lists rooms for the configured API key', async () => {
    const rooms = new RoomServiceClient(services.livekitHttpUrl, services.livekitKey, services.livekitSecret)
    await rooms.createRoom({ name: 'native-check', emptyTimeout: 60 })
    const listed = await rooms.listRooms()
    expect(listed.map((room) => room.name)).toContain('native-check')
    await rooms.deleteRoom('native-check')
  })

  test('LiveKit refuses a wrong secret', async () => {
    const rooms = new RoomServiceClient(services.livekitHttpUrl, services.livekitKey, 'x'.repeat(40))
    await expect(rooms.listRooms()).rejects.toThrow()
  })
})
